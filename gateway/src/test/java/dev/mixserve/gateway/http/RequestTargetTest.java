package dev.mixserve.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/embeddings/v1/embeddings | /embeddings/v1/embeddings | /embeddings/v1/embeddings",
        "/embeddings/../-/status | /-/status | /-/status",
        "/%2d/status | /-/status | /-/status",
        "/%2D/%73tatus | /-/status | /-/status",
        "/a/./b/. | /a/b/ | /a/b/",
        "/a/b/.. | /a/ | /a/",
        "/%2e%2E/x/.. | ERR | ",
        "/v1/models/BAAI%2fbge | /v1/models/BAAI%2Fbge | /v1/models/BAAI/bge",
        "/x%20y | /x%20y | /x y",
        "/caf%C3%A9 | /caf%C3%A9 | /café",
        "/a/%2E%2E%2F-/status | ERR | ",
        "/a%2F..%2F-%2Fstatus | ERR | ",
        "/a%00 | ERR | ",
        "/a%0a | ERR | ",
        "/a%zz | ERR | ",
        "/a% | ERR | ",
        "/a%C3 | ERR | ",
        "/a b | ERR | ",
        "/a\\b | ERR | ",
        "/a#frag | ERR | ",
        "/../x | ERR | ",
        "* | ERR | ",
        "relative | ERR | ",
        "//double//slash | //double//slash | //double//slash",
      })
  void oneSpellingPerPath(String raw, String canonical, String decoded) throws Exception {
    if (canonical.equals("ERR")) {
      assertThatThrownBy(() -> RequestTarget.parse(raw)).isInstanceOf(RequestTarget.Invalid.class);
      return;
    }
    var t = RequestTarget.parse(raw);
    assertThat(t.rawPath()).isEqualTo(canonical);
    assertThat(t.path()).isEqualTo(decoded);
    assertThat(t.authority()).isNull();
  }

  @Test
  void absoluteFormGivesItsAuthorityAndPath() throws Exception {
    var t = RequestTarget.parse("http://embeddings-predictor.ai-ml:8000/v1/../-/status?a=1");
    assertThat(t.authority()).isEqualTo("embeddings-predictor.ai-ml:8000");
    assertThat(t.rawPath()).isEqualTo("/-/status");
    assertThat(t.query()).isEqualTo("a=1");
    assertThat(RequestTarget.parse("HTTP://h").wire()).isEqualTo("/");
    assertThat(RequestTarget.parse("http://h?x=1").wire()).isEqualTo("/?x=1");
    assertThatThrownBy(() -> RequestTarget.parse("http://u@h/"))
        .isInstanceOf(RequestTarget.Invalid.class);
  }

  @Test
  void queriesPassAsTheyCame() throws Exception {
    assertThat(RequestTarget.parse("/a?b=%2e%2e&c=/../").query()).isEqualTo("b=%2e%2e&c=/../");
    assertThatThrownBy(() -> RequestTarget.parse("/a?b c"))
        .isInstanceOf(RequestTarget.Invalid.class);
  }

  /** Canonical is a fixed point, and decoding a canonical path never yields a dot-segment. */
  @Test
  void canonicalIsIdempotentOnSeededRandomPaths() throws Exception {
    var random = new Random(16);
    String alphabet = "/.%2eE5fF0aZ-_~";
    int accepted = 0;
    for (int n = 0; n < 20_000; n++) {
      var sb = new StringBuilder("/");
      int len = random.nextInt(12);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      RequestTarget t;
      try {
        t = RequestTarget.parse(sb.toString());
      } catch (RequestTarget.Invalid e) {
        continue;
      }
      accepted++;
      var again = RequestTarget.parse(t.rawPath());
      assertThat(again.rawPath()).as(sb.toString()).isEqualTo(t.rawPath());
      assertThat(("/" + t.path() + "/").contains("/../")).as(sb.toString()).isFalse();
      assertThat(("/" + t.path() + "/").contains("/./")).as(sb.toString()).isFalse();
    }
    assertThat(accepted).isGreaterThan(1000);
  }
}
