package dev.mixserve.gateway.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.gateway.upstream.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrontHeadTest {
  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static FrontHead parse(String s) throws FrontHead.Malformed {
    byte[] b = bytes(s);
    return FrontHead.parse(b, b.length);
  }

  @Test
  void readsWhatRoutingAndFramingNeed() throws Exception {
    String text =
        "POST /up/v1/embeddings?x=1 HTTP/1.1\r\nHost: a.ai-ml:8000\r\nCONTENT-length: 12\r\n"
            + "Connection: keep-alive, Upgrade\r\nUpgrade: h2c\r\nX-Other: y\r\n\r\n{\"input\":1}x";
    byte[] b = bytes(text);
    var h = FrontHead.parse(b, b.length);
    assertThat(h.first).isEqualTo("POST");
    assertThat(h.second).isEqualTo("/up/v1/embeddings?x=1");
    assertThat(h.third).isEqualTo("HTTP/1.1");
    assertThat(h.host).isEqualTo("a.ai-ml:8000");
    assertThat(h.contentLength).isEqualTo(12);
    assertThat(h.length).isEqualTo(text.indexOf("{"));
    var names = new java.util.ArrayList<String>();
    for (int i = 0; i < h.count(); i++) {
      names.add(h.name(b, i));
    }
    assertThat(names).containsExactly("host", "content-length", "connection", "upgrade", "x-other");
    assertThat(h.perHop(4)).isFalse();
    assertThat(h.perHop(0) && h.perHop(1) && h.perHop(2) && h.perHop(3)).isTrue();
    assertThat(h.kind(1)).isEqualTo(FrontHead.CONTENT_LENGTH);
    assertThat(h.upgrade).as("h2c is declined by answering in HTTP/1.1").isFalse();
    assertThat(h.close || h.chunked || h.expect || h.timeoutHeader).isFalse();
  }

  @Test
  void flagsWhatTheFrontDoorLeavesToTheHandler() throws Exception {
    var h =
        parse(
            "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Expect: 100-continue\r\nX-Request-Timeout: 3\r\nConnection: close\r\n\r\n");
    assertThat(h.upgrade && h.expect && h.timeoutHeader && h.close).isTrue();
    assertThat(parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").chunked).isTrue();
  }

  @Test
  void perHopIsTheHandlersPerHop() throws Exception {
    // the front door and the handler's proxy must drop the same headers
    for (String name : UpstreamRequest.PER_HOP) {
      String value =
          name.equals("content-length") ? "0" : name.equals("transfer-encoding") ? "chunked" : "x";
      var h = parse("GET / HTTP/1.1\r\n" + name.toUpperCase() + ": " + value + "\r\n\r\n");
      assertThat(h.perHop(0)).as(name).isTrue();
    }
    for (String name : new String[] {"x-request-timeout", "content-type", "authorization"}) {
      assertThat(parse("GET / HTTP/1.1\r\n" + name + ": 1\r\n\r\n").perHop(0)).as(name).isFalse();
    }
  }

  @Test
  void aStatusLineMayLeaveOutItsReason() throws Exception {
    var h = parse("HTTP/1.1 204\r\n\r\n");
    assertThat(h.status()).isEqualTo(204);
    assertThat(h.third).isEmpty();
  }

  @Test
  void anUnfinishedHeadIsNotYetAHead() throws Exception {
    assertThat(parse("GET / HTTP/1.1\r\nHost: x\r\n")).isNull();
  }

  @Test
  void refusesWhatSmugglingHidesIn() {
    assertThatThrownBy(() -> parse("GET / HTTP/1.1\nHost: x\n\r\n\r\n"))
        .isInstanceOf(FrontHead.Malformed.class);
    assertThatThrownBy(
            () -> parse("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"))
        .hasMessageContaining("Content-Length");
    assertThatThrownBy(
            () ->
                parse("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"))
        .hasMessageContaining("both");
    assertThatThrownBy(() -> parse("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"))
        .isInstanceOf(FrontHead.Malformed.class);
    assertThatThrownBy(() -> parse("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"))
        .hasMessageContaining("space");
    assertThatThrownBy(() -> parse("GARBAGE\r\n\r\n")).hasMessageContaining("start line");
  }

  @Test
  void aHeadWithoutEndIsRefusedAtTheLimit() {
    byte[] big = bytes("GET / HTTP/1.1\r\nX: " + "a".repeat(FrontHead.MAX));
    assertThatThrownBy(() -> FrontHead.parse(big, big.length)).hasMessageContaining("larger");
  }
}
