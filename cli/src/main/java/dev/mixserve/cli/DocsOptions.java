package dev.mixserve.cli;

import dev.mixserve.cli.chat.Chunker;
import dev.mixserve.cli.chat.DocsFolder;
import dev.mixserve.cli.chat.DocsIndex;
import dev.mixserve.cli.chat.Preflight;
import dev.mixserve.cli.chat.Retriever;
import dev.mixserve.cli.chat.ServerRetrieval;
import dev.mixserve.cli.chat.VectorCache;
import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.Target;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --docs and the retrieval settings: which routes embed and rerank, how much is kept. */
final class DocsOptions {
  @Option(
      names = "--docs",
      paramLabel = "DIR",
      description = "Answer from the text and Markdown files in DIR, citing them.")
  Path dir;

  @Option(
      names = "--embeddings-route",
      defaultValue = "/embeddings",
      description = "Default ${DEFAULT-VALUE}.")
  String embeddings;

  @Option(
      names = "--reranker-route",
      defaultValue = "/reranker",
      description = "Default ${DEFAULT-VALUE}.")
  String reranker;

  @Option(
      names = "--top",
      defaultValue = "3",
      paramLabel = "N",
      description = "Chunks given to the model (default ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--chunk-chars",
      defaultValue = "800",
      paramLabel = "N",
      description = "Largest chunk (default ${DEFAULT-VALUE}).")
  int chunkChars;

  @Option(
      names = "--vector-cache",
      paramLabel = "DIR",
      description = "Where chunk vectors are kept (default: the mixserve cache).")
  Path cache;

  /** Checks the folder before any server is asked: a local mistake is reported first. */
  void check() {
    if (dir != null) {
      new DocsFolder(dir).files();
    }
  }

  /** The retriever over the folder, or null without --docs; progress goes to {@code log}. */
  Retriever retriever(MixserveClient client, String url, PrintStream log) {
    if (dir == null) {
      return null;
    }
    var folder = new DocsFolder(dir);
    Target emb = Target.route(embeddings);
    Target rr = Target.route(reranker);
    Preflight.require(client, emb, "embedding", url);
    Preflight.require(client, rr, "rerank", url);
    var vectors = new VectorCache(cache != null ? cache : Paths.cache().resolve("chat-vectors"));
    var index =
        DocsIndex.build(
            folder, new Chunker(chunkChars), ServerRetrieval.embedder(client, emb), vectors);
    log.printf(
        "docs: %d chunks from %d files in %s (%d embedded, %d from cache)%n",
        index.chunks().size(),
        index.embeddedFiles() + index.reusedFiles(),
        dir,
        index.embeddedFiles(),
        index.reusedFiles());
    return new Retriever(
        index,
        ServerRetrieval.embedder(client, emb),
        ServerRetrieval.reranker(client, rr),
        Math.max(top * 4, 8),
        top);
  }
}
