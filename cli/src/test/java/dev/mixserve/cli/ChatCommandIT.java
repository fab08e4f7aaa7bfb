package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mixserve chat -p` against a real server with stories260K, embeddings and reranker. */
class ChatCommandIT {
  @TempDir Path tmp;

  @Test
  void oneQuestionGetsAnAnswerFromTheModel() {
    var r =
        Run.of(
            "chat", "--url", CliTestServer.url(), "-p", "Once upon a time", "--max-tokens", "24");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isNotEmpty().matches("(?s).*\\p{L}{2,}.*");
  }

  @Test
  void withDocsTheFileHoldingTheFactsIsCited() throws IOException {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(
        docs.resolve("garden.md"),
        "Tomatoes need six hours of sun and deep watering twice a week.");
    Files.writeString(
        docs.resolve("train.txt"), "The night train to Vienna leaves platform 9 at 22:40.");
    Files.writeString(
        docs.resolve("cat.md"), "Our cat Miso sleeps on the piano and hides from thunderstorms.");
    var r =
        Run.of(
            "chat",
            "--url",
            CliTestServer.url(),
            "--docs",
            docs.toString(),
            "--top",
            "1",
            "--vector-cache",
            tmp.resolve("vectors").toString(),
            "--max-tokens",
            "16",
            "-p",
            "When does the night train to Vienna leave?");
    assertThat(r.code()).as(r.err()).isZero();
    // the toy model's words prove nothing; the citation is retrieval's answer
    assertThat(r.out()).contains("Sources: [1] train.txt");
    assertThat(r.err()).contains("3 chunks from 3 files", "(3 embedded, 0 from cache)");
  }
}
