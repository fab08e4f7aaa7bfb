package dev.mixserve.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.cli.CliTestServer;
import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk, embed, rank and rerank through a real server's /embeddings and /reranker. */
class RetrievalIT {
  @TempDir Path tmp;

  private Path docs() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(
        d.resolve("garden.md"),
        "# Garden\n\nTomatoes need six hours of sun and deep watering twice a week.");
    Files.writeString(
        d.resolve("train.txt"),
        "The night train to Vienna leaves platform 9 at 22:40 and arrives at 07:15.");
    Files.writeString(
        d.resolve("cat.md"), "Our cat Miso sleeps on the piano and dislikes thunderstorms.");
    Files.writeString(
        d.resolve("tax.md"),
        "Quarterly tax returns are due on the 15th of April, June, September and January.");
    return d;
  }

  @Test
  void theCitedFileHoldsTheAnswerAndVectorsAreCached() throws IOException {
    Path folder = docs();
    try (var client = MixserveClient.of(CliTestServer.url())) {
      var emb = ServerRetrieval.embedder(client, Target.route("/embeddings"));
      var cache = new VectorCache(tmp.resolve("cache"));
      var index = DocsIndex.build(new DocsFolder(folder), new Chunker(800), emb, cache);
      assertThat(index.embeddedFiles()).isEqualTo(4);
      var retriever =
          new Retriever(
              index, emb, ServerRetrieval.reranker(client, Target.route("/reranker")), 4, 1);
      assertThat(Retriever.files(retriever.retrieve("When does the train to Vienna depart?")))
          .containsExactly("train.txt");
      assertThat(Retriever.files(retriever.retrieve("What does my cat do during storms?")))
          .containsExactly("cat.md");
      var again = DocsIndex.build(new DocsFolder(folder), new Chunker(800), emb, cache);
      assertThat(again.reusedFiles()).isEqualTo(4);
      assertThat(again.embeddedFiles()).isZero();
    }
  }
}
