package dev.mixserve.engine.llama;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextOutTest {
  private static String add(TextOut out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return out.add(b, b.length);
  }

  private static String add(TextOut out, byte... b) {
    return out.add(b, b.length);
  }

  @Test
  void plainTextPassesAtOnce() {
    var out = new TextOut(List.of());
    assertThat(add(out, "Once")).isEqualTo("Once");
    assertThat(add(out, " upon")).isEqualTo(" upon");
    assertThat(out.finish()).isEmpty();
    assertThat(out.text()).isEqualTo("Once upon");
    assertThat(out.stopped()).isFalse();
  }

  @Test
  void aCharacterSplitOverTokensWaitsUntilWhole() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes
    var out = new TextOut(List.of());
    assertThat(add(out, (byte) 'a', euro[0])).isEqualTo("a");
    assertThat(add(out, euro[1])).isEmpty();
    assertThat(add(out, euro[2], (byte) 'b')).isEqualTo("€b");
  }

  @Test
  void aBrokenLastCharacterIsReplacedAtTheEnd() {
    var out = new TextOut(List.of());
    assertThat(add(out, (byte) 'x', (byte) 0xE2)).isEqualTo("x");
    assertThat(out.finish()).isEqualTo("\uFFFD");
  }

  @Test
  void aStopSequenceIsNeverSentNorWhatFollows() {
    var out = new TextOut(List.of("Lily"));
    assertThat(add(out, " named")).isEqualTo(" named");
    assertThat(add(out, " Li")).isEqualTo(" "); // "Li" may begin the stop sequence
    assertThat(add(out, "ly. She")).isEmpty();
    assertThat(out.stopped()).isTrue();
    assertThat(out.finish()).isEmpty();
    assertThat(out.text()).isEqualTo(" named ");
  }

  @Test
  void heldBackTextIsReleasedWhenItTurnsOutNotToStop() {
    var out = new TextOut(List.of("Lily", "END"));
    assertThat(add(out, "a Li")).isEqualTo("a ");
    assertThat(add(out, "on E")).isEqualTo("Lion ");
    assertThat(out.finish()).isEqualTo("E");
    assertThat(out.text()).isEqualTo("a Lion E");
  }

  @Test
  void theEarliestOfSeveralStopsWins() {
    var out = new TextOut(List.of("park", "play"));
    assertThat(add(out, "to play in the park")).isEqualTo("to ");
    assertThat(out.text()).isEqualTo("to ");
  }

  @Test
  void wholeCharactersCountsBytesOfCompleteCharacters() {
    assertThat(TextOut.wholeCharacters(new byte[] {'a', 'b'}, 2)).isEqualTo(2);
    assertThat(TextOut.wholeCharacters(new byte[] {'a', (byte) 0xC3}, 2)).isEqualTo(1);
    assertThat(TextOut.wholeCharacters(new byte[] {(byte) 0xC3, (byte) 0xA9}, 2)).isEqualTo(2);
    assertThat(TextOut.wholeCharacters(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, 3))
        .isZero();
  }
}
