package dev.mixserve.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkerTest {
  private final Chunker chunker = new Chunker(100);

  @Test
  void shortParagraphsArePackedTogether() {
    var chunks = chunker.split("a.md", "One fact.\n\nTwo facts.\n\n\n");
    assertThat(chunks)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.text()).isEqualTo("One fact.\n\nTwo facts.");
              assertThat(c.file()).isEqualTo("a.md");
            });
  }

  @Test
  void paragraphsThatDoNotFitStartANewChunk() {
    String p = "x".repeat(60);
    var chunks = chunker.split("a.md", p + "\n\n" + p + "\n\n" + p);
    assertThat(chunks).hasSize(3).extracting(Chunk::index).containsExactly(0, 1, 2);
  }

  @Test
  void aLongParagraphIsCutAtSentenceEnds() {
    String s = "This sentence is about forty characters. ";
    var chunks = chunker.split("a.md", s.repeat(5));
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks)
        .allSatisfy(
            c -> {
              assertThat(c.text().length()).isLessThanOrEqualTo(100);
              assertThat(c.text()).endsWith(".");
            });
  }

  @Test
  void anEmptyDocumentHasNoChunks() {
    assertThat(chunker.split("a.md", "  \n\n ")).isEmpty();
  }

  @Test
  void tinyChunksAreRefused() {
    assertThatThrownBy(() -> new Chunker(10)).hasMessageContaining("at least 50");
  }
}
