package dev.mixserve.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256 of keys, and new keys. Why SHA-256 and not argon2 or bcrypt: a key made here carries 256
 * random bits, so its hash cannot be searched back to it however fast the hash is; slow hashes
 * protect guessable passwords, and on this server one would cost every request (and any client
 * sending junk keys) milliseconds of CPU. A key a person chose is as weak as its choice: use these.
 */
public final class KeyHash {
  /** Keys made here start so, as OpenAI's start with sk-: easy to spot in a leaked file. */
  public static final String PREFIX = "msk-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyHash() {}

  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  public static String hex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** A new key: 32 bytes from the system's secure random source, base64url. */
  public static String newKey() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
