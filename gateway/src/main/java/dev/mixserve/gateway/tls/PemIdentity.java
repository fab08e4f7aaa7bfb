package dev.mixserve.gateway.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server identity from PEM files as certbot, cert-manager and openssl write them: the chain (the
 * server's certificate first) and its private key, PKCS#8 or PKCS#1 RSA. Checked before use: a key
 * that does not belong to the certificate is refused here, with both file names, rather than at
 * every client's handshake.
 */
public final class PemIdentity {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");
  private static final char[] PASSWORD = "mixserve".toCharArray(); // in memory only

  /** A PEM file that cannot be used; the message names the file and says what to do. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  /**
   * @param chain the server's certificate first
   * @param context the SSLContext that presents them
   */
  public record Loaded(List<X509Certificate> chain, SSLContext context) {
    public X509Certificate leaf() {
      return chain.getFirst();
    }
  }

  private PemIdentity() {}

  public static Loaded load(Path cert, Path key) throws Invalid {
    List<X509Certificate> chain = certificates(cert);
    PrivateKey pk = privateKey(key);
    if (!matches(pk, chain.getFirst())) {
      throw new Invalid(key + " is not the private key of the certificate in " + cert);
    }
    try {
      var store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", pk, PASSWORD, chain.toArray(new X509Certificate[0]));
      var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, PASSWORD);
      var ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
      return new Loaded(List.copyOf(chain), ctx);
    } catch (GeneralSecurityException | IOException e) {
      throw new Invalid("cannot use " + cert + " with " + key + ": " + e.getMessage());
    }
  }

  private static List<X509Certificate> certificates(Path file) throws Invalid {
    byte[] bytes = read(file);
    try {
      var out = new ArrayList<X509Certificate>();
      for (var c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new Invalid(
            file + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new Invalid(file + " is not a PEM certificate chain: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Path file) throws Invalid {
    String text = new String(read(file), StandardCharsets.US_ASCII);
    var m = BLOCK.matcher(text);
    while (m.find()) {
      String kind = m.group(1);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2).strip());
      } catch (IllegalArgumentException e) {
        throw new Invalid(file + ": the " + kind + " block is not base64");
      }
      switch (kind) {
        case "PRIVATE KEY" -> {
          return pkcs8(file, der);
        }
        case "RSA PRIVATE KEY" -> {
          return pkcs8(file, Der.rsaPkcs1ToPkcs8(der));
        }
        case "ENCRYPTED PRIVATE KEY" ->
            throw new Invalid(
                file
                    + " is encrypted; give the key unencrypted (openssl pkcs8 -in "
                    + file
                    + " -nocrypt -topk8), readable by mixserve's user only");
        case "EC PRIVATE KEY" ->
            throw new Invalid(
                file
                    + " is a SEC1 EC key; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in "
                    + file);
        default -> {} // EC PARAMETERS and the like come before the key: go on
      }
    }
    throw new Invalid(file + " holds no private key (expected PEM: -----BEGIN PRIVATE KEY-----)");
  }

  private static PrivateKey pkcs8(Path file, byte[] der) throws Invalid {
    var spec = new PKCS8EncodedKeySpec(der);
    for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new Invalid(file + " holds a private key of a kind this JDK cannot read");
  }

  /** Whether the key signs what the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String alg =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "RSASSA-PSS" -> "RSASSA-PSS";
          default -> key.getAlgorithm(); // Ed25519, Ed448
        };
    try {
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      var s = Signature.getInstance(alg);
      if (alg.equals("RSASSA-PSS")) {
        s.setParameter(
            new java.security.spec.PSSParameterSpec(
                "SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
      }
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      s.initVerify(cert.getPublicKey());
      s.update(probe);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] read(Path file) throws Invalid {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new Invalid("no such file: " + file);
    } catch (IOException e) {
      throw new Invalid("cannot read " + file + ": " + e.getMessage());
    }
  }
}
