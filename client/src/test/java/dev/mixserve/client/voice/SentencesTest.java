package dev.mixserve.client.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SentencesTest {
  @Test
  void sentencesAreEmittedAsSoonAsTheyEnd() {
    var out = new ArrayList<String>();
    var s = new Sentences(out::add);
    s.feed("Once upon a ti");
    s.feed("me.");
    assertThat(out).isEmpty(); // "time." may still be "time.x"; the space after it decides
    s.feed(" There was a cat! It");
    assertThat(out).containsExactly("Once upon a time.", "There was a cat!");
    s.finish();
    assertThat(out).containsExactly("Once upon a time.", "There was a cat!", "It");
  }

  @Test
  void numbersAndLineBreaks() {
    assertThat(Sentences.split("Pi is 3.14 or so.\nNext line\n\nDone"))
        .containsExactly("Pi is 3.14 or so.", "Next line", "Done");
  }

  @Test
  void punctuationAloneIsNotASentence() {
    assertThat(Sentences.split("Hi. ... ! ")).containsExactly("Hi.");
  }
}
