package dev.mixserve.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.error.ServeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartTest {
  private static final String TYPE = "multipart/form-data; boundary=";

  @Test
  void boundariesOfRfc2046AreAcceptedQuotedOrNot() {
    String longest = "'()+_,-./:=?".repeat(5) + "0123456789";
    assertThat(longest).hasSize(70);
    assertThat(Multipart.boundary(TYPE + "\"" + longest + "\"")).isEqualTo(longest);
    assertThat(Multipart.boundary(TYPE + "----WebKitFormBoundary7MA4YWxkTrZu0gW"))
        .isEqualTo("----WebKitFormBoundary7MA4YWxkTrZu0gW");
    assertThat(Multipart.boundary("multipart/form-data; charset=utf-8; BOUNDARY=\"a b\""))
        .isEqualTo("a b");
    assertThat(Multipart.boundary(TYPE + "abc ; charset=utf-8")).isEqualTo("abc");
  }

  @Test
  void aBoundaryLongerThan70IsRefusedWith400() {
    assertInvalid(TYPE + "a".repeat(71));
    assertInvalid(TYPE + "\"" + "a".repeat(71) + "\"");
    assertInvalid(TYPE + "-".repeat(15_000));
  }

  @Test
  void aBoundaryOutsideRfc2046IsRefusedWith400() {
    assertInvalid(TYPE);
    assertInvalid(TYPE + "\"\"");
    assertInvalid(TYPE + "\"ends with a space \"");
    assertInvalid(TYPE + "a{b");
    assertInvalid(TYPE + "\"caf\u00e9\"");
    assertInvalid(TYPE + "\"unterminated");
    assertInvalid("multipart/form-data; xboundary=abc");
  }

  @Test
  void partsAreSplitAtTheDelimiterLinesOnly() {
    String b = "xyz";
    // "--xyz" inside the data is not a delimiter: one is always preceded by CRLF
    String body =
        "preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nm1\r\n"
            + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
            + "Content-Type: audio/wav\r\n\r\nRIFF--xyz\r\n-\r\n--xy\r\n--xyz--\r\nepilogue";
    var parts = Multipart.parse(body.getBytes(StandardCharsets.ISO_8859_1), b);
    assertThat(parts.get("model").getFirst().text()).isEqualTo("m1");
    var file = parts.get("file").getFirst();
    assertThat(file.filename()).isEqualTo("a.wav");
    assertThat(file.text()).isEqualTo("RIFF--xyz\r\n-\r\n--xy");
  }

  @Test
  void aBodyWithoutItsClosingDelimiterIsRefused() {
    String body = "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue";
    assertThatThrownBy(() -> Multipart.parse(body.getBytes(StandardCharsets.US_ASCII), "xyz"))
        .isInstanceOfSatisfying(ServeException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  private static void assertInvalid(String contentType) {
    assertThatThrownBy(() -> Multipart.boundary(contentType))
        .as(contentType.length() > 80 ? contentType.substring(0, 80) : contentType)
        .isInstanceOfSatisfying(
            ServeException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("boundary");
            });
  }
}
