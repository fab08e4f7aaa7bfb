package dev.mixserve.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One API key as the server keeps it: never the key itself, only its SHA-256. Keys are random and
 * long (the ones {@code mixserve key} makes carry 256 bits), so a fast hash is as safe at rest as a
 * slow one: nobody can search a 2^256 space, and slow password hashes (argon2, bcrypt) exist for
 * guessable secrets. A slow hash per request would also hand any client a way to burn the CPU.
 *
 * @param name who holds it, as the access log and the metrics name it (never the key)
 * @param sha256 the SHA-256 of the key's UTF-8 bytes, 64 lowercase hex digits
 * @param scopes the deployments (by name or route) this key may call; {@code *} for all
 * @param admin whether it may use the admin plane (/-/status, /-/routes, /-/reload, /metrics)
 * @param limits how much it may ask for
 */
public record ApiKey(
    String name, String sha256, List<String> scopes, boolean admin, KeyLimits limits) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public ApiKey {
    Objects.requireNonNull(limits, "limits");
    name = checkName(name);
    sha256 = checkHash(sha256);
    scopes = List.copyOf(scopes);
    for (String s : scopes) {
      if (s.isBlank()) {
        throw new IllegalArgumentException("a scope is a deployment name, a route or *");
      }
    }
  }

  /** The name, if it is one: it labels metrics and log lines, so it is short and plain. */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a key's name is 1 to 64 letters, digits and . _ @ -, starting with a letter or digit;"
              + " got '"
              + name
              + "'");
    }
    return name;
  }

  /** The hash in lowercase, if it is 64 hex digits. */
  public static String checkHash(String sha256) {
    String hex = Objects.requireNonNull(sha256, "sha256").toLowerCase(Locale.ROOT);
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "sha256 must be 64 hex digits (`mixserve key` prints them), got '" + sha256 + "'");
    }
    return hex;
  }

  /** Whether this key may call the deployment {@code name} served at {@code route}. */
  public boolean reaches(String name, String route) {
    for (String s : scopes) {
      if (s.equals("*") || s.equals(name) || s.equals(route)) {
        return true;
      }
    }
    return false;
  }
}
