package dev.mixserve.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk, embed, cache and retrieve over a folder, with a fake embedder and reranker. */
class DocsIndexTest {
  @TempDir Path tmp;

  private DocsFolder folder() throws IOException {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(
        docs.resolve("volcano.md"),
        "# Volcanoes\n\nMount Zorblax erupts purple lava every seven years.");
    Files.writeString(
        docs.resolve("bakery.txt"), "The bakery on Elm Street sells rye bread on Tuesdays.");
    Files.createDirectories(docs.resolve("sub"));
    Files.writeString(
        docs.resolve("sub/ships.md"), "The ship Marlinspike sails from Oslo with twelve sailors.");
    Files.writeString(docs.resolve("image.png"), "not text");
    return new DocsFolder(docs);
  }

  @Test
  void unchangedFilesReuseTheirCachedVectors() throws IOException {
    var folder = folder();
    var cache = new VectorCache(tmp.resolve("cache"));
    var emb = new WordEmbedder();
    var first = DocsIndex.build(folder, new Chunker(800), emb, cache);
    assertThat(first.embeddedFiles()).isEqualTo(3);
    assertThat(first.chunks())
        .extracting(Chunk::file)
        .containsExactly("bakery.txt", "sub/ships.md", "volcano.md");
    Files.writeString(folder.root().resolve("bakery.txt"), "The bakery now sells only croissants.");
    var second = DocsIndex.build(folder, new Chunker(800), emb, cache);
    assertThat(second.embeddedFiles()).isEqualTo(1);
    assertThat(second.reusedFiles()).isEqualTo(2);
    assertThat(emb.texts).isEqualTo(4);
  }

  @Test
  void theRetrieverCitesTheFileWithTheFacts() throws IOException {
    var emb = new WordEmbedder();
    var index = DocsIndex.build(folder(), new Chunker(800), emb, new VectorCache(tmp.resolve("c")));
    Reranker keep = (q, docs) -> java.util.stream.IntStream.range(0, docs.size()).boxed().toList();
    var hits = new Retriever(index, emb, keep, 3, 1).retrieve("How often does Zorblax erupt lava?");
    assertThat(Retriever.files(hits)).containsExactly("volcano.md");
    assertThat(RagPrompt.sources(hits)).isEqualTo("Sources: [1] volcano.md");
    assertThat(RagPrompt.message("q", hits))
        .contains("[1] volcano.md:\n# Volcanoes")
        .endsWith("Question: q");
  }

  @Test
  void theRerankerDecidesTheOrder() throws IOException {
    var emb = new WordEmbedder();
    var index = DocsIndex.build(folder(), new Chunker(800), emb, new VectorCache(tmp.resolve("c")));
    Reranker reverse =
        (q, docs) ->
            java.util.stream.IntStream.range(0, docs.size())
                .map(i -> docs.size() - 1 - i)
                .boxed()
                .toList();
    var hits = new Retriever(index, emb, reverse, 3, 3).retrieve("Zorblax lava");
    assertThat(hits.getLast().chunk().file()).isEqualTo("volcano.md");
  }

  @Test
  void badFoldersAreRefusedClearly() throws IOException {
    assertThatThrownBy(() -> new DocsFolder(tmp.resolve("missing")))
        .isInstanceOf(DocsException.class)
        .hasMessageContaining("does not exist");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> new DocsFolder(empty).files())
        .hasMessageContaining("holds no text files");
    Path bad = Files.createDirectories(tmp.resolve("bad"));
    Files.write(bad.resolve("x.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    assertThatThrownBy(
            () ->
                DocsIndex.build(
                    new DocsFolder(bad),
                    new Chunker(800),
                    new WordEmbedder(),
                    new VectorCache(tmp.resolve("c"))))
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void aDamagedCacheEntryIsAMiss() throws IOException {
    var cache = new VectorCache(tmp.resolve("cache"));
    Files.createDirectories(cache.dir());
    Files.writeString(cache.dir().resolve("k.json"), "{not json");
    assertThat(cache.get("k")).isEmpty();
    cache.put("k", List.of(new VectorCache.Entry("t", new float[] {1, 2})));
    assertThat(cache.get("k"))
        .hasValueSatisfying(l -> assertThat(l.getFirst().vector()).containsExactly(1, 2));
  }
}
