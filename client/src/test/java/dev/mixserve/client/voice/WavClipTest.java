package dev.mixserve.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavClipTest {
  /** A 16 kHz mono 16-bit PCM fmt chunk. */
  static byte[] fmt16k() {
    return ByteBuffer.allocate(16)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 1)
        .putShort((short) 1)
        .putInt(16000)
        .putInt(32000)
        .putShort((short) 2)
        .putShort((short) 16)
        .array();
  }

  @Test
  void writeThenParseRoundTrips() {
    var clip = new WavClip(fmt16k(), new byte[] {1, 2, 3, 4});
    byte[] bytes = clip.bytes();
    assertThat(bytes).hasSize(44 + 4);
    assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4))
        .isEqualTo(bytes.length - 8);
    var back = WavClip.parse(bytes);
    assertThat(back.data()).containsExactly(1, 2, 3, 4);
    assertThat(back.sampleRate()).isEqualTo(16000);
  }

  @Test
  void clipsJoinInOrder() {
    var a = new WavClip(fmt16k(), new byte[] {1, 2});
    var b = new WavClip(fmt16k(), new byte[] {3, 4});
    var joined = WavClip.join(List.of(a, b));
    assertThat(joined.data()).containsExactly(1, 2, 3, 4);
    assertThat(joined.seconds()).isEqualTo(4 / 32000.0);
  }

  @Test
  void aStreamedDataSizeIsReadToTheEnd() {
    byte[] b = new WavClip(fmt16k(), new byte[] {9, 9}).bytes();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1);
    assertThat(WavClip.parse(b).data()).containsExactly(9, 9);
  }

  @Test
  void notAWav() {
    assertThatThrownBy(() -> WavClip.parse("hello there, world".getBytes()))
        .hasMessageContaining("not a WAV");
  }
}
