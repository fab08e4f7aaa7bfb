package dev.mixserve.gateway.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrontChunksTest {
  static final String BODY = "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void findsTheEndInOnePiece() throws Exception {
    byte[] b = bytes(BODY + "HTTP/1.1 200 OK");
    assertThat(new FrontChunks().scan(b, 0, b.length)).isEqualTo(BODY.length());
  }

  @Test
  void findsTheEndWhateverThePiecesAre() throws Exception {
    byte[] b = bytes(BODY);
    for (int cut = 1; cut < b.length; cut++) {
      var c = new FrontChunks();
      assertThat(c.scan(b, 0, cut)).as("first piece up to %d", cut).isEqualTo(-1);
      assertThat(c.scan(b, cut, b.length)).isEqualTo(b.length);
    }
    var byte1 = new FrontChunks();
    for (int i = 0; i < b.length - 1; i++) {
      assertThat(byte1.scan(b, i, i + 1)).isEqualTo(-1);
    }
    assertThat(byte1.scan(b, b.length - 1, b.length)).isEqualTo(b.length);
  }

  @Test
  void anEmptyBodyIsOnlyItsLastChunk() throws Exception {
    byte[] b = bytes("0\r\n\r\n");
    assertThat(new FrontChunks().scan(b, 0, b.length)).isEqualTo(5);
  }

  @Test
  void refusesWhatIsNotChunked() {
    byte[] b = bytes("zz\r\n");
    assertThatThrownBy(() -> new FrontChunks().scan(b, 0, b.length))
        .isInstanceOf(FrontHead.Malformed.class);
    byte[] noCrlf = bytes("1\r\nab\r\n");
    assertThatThrownBy(() -> new FrontChunks().scan(noCrlf, 0, noCrlf.length))
        .hasMessageContaining("framing");
  }
}
