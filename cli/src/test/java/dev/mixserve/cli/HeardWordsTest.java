package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeardWordsTest {
  @Test
  void shortWholeWordsCountAndApostrophesStay() {
    // what CI heard once: only "said" matched when words had to be three letters long
    assertThat(
            HeardWords.inCommon(
                "That said oh no I'm on break a sweat", ". dad said, \"oh no! i'm hungry. let"))
        .containsExactly("said", "oh", "no", "i'm");
  }

  @Test
  void partsOfWordsDoNotCount() {
    assertThat(HeardWords.inCommon("the cat", "there was a catalogue")).isEmpty();
  }
}
