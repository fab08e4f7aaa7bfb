package dev.mixserve.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCertsTest {
  private static final Path DIR = PemIdentityTest.DIR;

  private static void put(Path dir, String cert, String key) throws Exception {
    Files.copy(DIR.resolve(cert), dir.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(DIR.resolve(key), dir.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static String subject(TlsCerts certs) {
    return certs.current().leaf().getSubjectX500Principal().getName();
  }

  @Test
  void aRenewedPairIsTakenAndAHalfWrittenOneWaits(@TempDir Path tmp) throws Exception {
    put(tmp, "rsa-cert.pem", "rsa-key.pem");
    try (var certs =
        TlsCerts.open(
            new Tls(tmp.resolve("cert.pem").toString(), tmp.resolve("key.pem").toString()))) {
      assertThat(certs.check()).as("nothing changed").isFalse();
      // The certificate first, its key not yet: a mismatch, and the old pair stays.
      Files.copy(
          DIR.resolve("ec-cert.pem"), tmp.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
      assertThat(certs.check()).isFalse();
      assertThat(subject(certs)).contains("test one");
      Files.copy(
          DIR.resolve("ec-key.pem"), tmp.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
      assertThat(certs.check()).isTrue();
      assertThat(subject(certs)).contains("test two");
      assertThat(certs.engine().getUseClientMode()).isFalse();
    }
  }
}
