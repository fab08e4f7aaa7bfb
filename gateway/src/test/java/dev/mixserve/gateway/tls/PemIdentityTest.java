package dev.mixserve.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemIdentityTest {
  static final Path DIR = Path.of("src/test/resources/tls");

  @Test
  void readsPkcs8AndPkcs1RsaAndPkcs8Ec() throws Exception {
    var rsa = PemIdentity.load(DIR.resolve("rsa-cert.pem"), DIR.resolve("rsa-key.pem"));
    assertThat(rsa.leaf().getSubjectX500Principal().getName()).contains("mixserve test one");
    var pkcs1 = PemIdentity.load(DIR.resolve("rsa-cert.pem"), DIR.resolve("rsa-key-pkcs1.pem"));
    assertThat(pkcs1.leaf()).isEqualTo(rsa.leaf());
    var ec = PemIdentity.load(DIR.resolve("ec-cert.pem"), DIR.resolve("ec-key.pem"));
    assertThat(ec.leaf().getSubjectX500Principal().getName()).contains("mixserve test two");
    assertThat(ec.context().createSSLEngine()).isNotNull();
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() {
    assertThatThrownBy(
            () -> PemIdentity.load(DIR.resolve("rsa-cert.pem"), DIR.resolve("ec-key.pem")))
        .isInstanceOf(PemIdentity.Invalid.class)
        .hasMessageContaining("ec-key.pem is not the private key of the certificate in")
        .hasMessageContaining("rsa-cert.pem");
  }

  @Test
  void sec1AndEncryptedKeysSayHowToConvertThem(@TempDir Path tmp) throws Exception {
    assertThatThrownBy(
            () -> PemIdentity.load(DIR.resolve("ec-cert.pem"), DIR.resolve("ec-key-sec1.pem")))
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    Path enc = tmp.resolve("enc.pem");
    Files.writeString(
        enc, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PemIdentity.load(DIR.resolve("ec-cert.pem"), enc))
        .hasMessageContaining("is encrypted");
  }

  @Test
  void missingOrEmptyFilesSayWhich(@TempDir Path tmp) throws Exception {
    assertThatThrownBy(() -> PemIdentity.load(tmp.resolve("nope.pem"), DIR.resolve("rsa-key.pem")))
        .hasMessage("no such file: " + tmp.resolve("nope.pem"));
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "");
    assertThatThrownBy(() -> PemIdentity.load(empty, DIR.resolve("rsa-key.pem")))
        .hasMessageContaining("holds no certificate");
    assertThatThrownBy(() -> PemIdentity.load(DIR.resolve("rsa-cert.pem"), empty))
        .hasMessageContaining("holds no private key");
  }

  @Test
  void derLengthsOfEveryFormAreWritten() {
    assertThat(Der.tlv(0x04, new byte[5])).startsWith(0x04, 5);
    assertThat(Der.tlv(0x04, new byte[200])).startsWith(0x04, 0x81, 200);
    assertThat(Der.tlv(0x04, new byte[300])).startsWith(0x04, 0x82, 1, 44);
  }
}
