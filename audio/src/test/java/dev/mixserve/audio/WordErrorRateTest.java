package dev.mixserve.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {
  @Test
  void countsSubstitutionsDeletionsAndInsertionsIgnoringCaseAndPunctuation() {
    assertThat(WordErrorRate.of("Ask not, what your country", "ask not what you country"))
        .isEqualTo(0.2);
    assertThat(WordErrorRate.of("a b c", "")).isEqualTo(1.0);
    assertThat(WordErrorRate.of("a b", "x a b y z")).isEqualTo(1.5);
  }
}
