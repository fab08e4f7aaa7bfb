package dev.mixserve.cli.chat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every chunk of a docs folder with its vector. Built once per chat session; files whose bytes are
 * unchanged take their vectors from the cache.
 *
 * @param embeddedFiles files sent to /embeddings in this build
 * @param reusedFiles files whose vectors came from the cache
 */
public record DocsIndex(
    List<VectorCache.Entry> entries, List<Chunk> chunks, int embeddedFiles, int reusedFiles) {
  /** Chunks sent to /embeddings per request: small enough for any body limit. */
  private static final int BATCH = 32;

  public DocsIndex {
    entries = List.copyOf(entries);
    chunks = List.copyOf(chunks);
    if (entries.size() != chunks.size()) {
      throw new IllegalArgumentException("one vector per chunk");
    }
  }

  public static DocsIndex build(
      DocsFolder folder, Chunker chunker, Embedder embedder, VectorCache cache) {
    var entries = new ArrayList<VectorCache.Entry>();
    var chunks = new ArrayList<Chunk>();
    int embedded = 0;
    int reused = 0;
    for (Path file : folder.files()) {
      byte[] bytes = DocsFolder.read(file);
      String key = VectorCache.key(bytes, embedder.id(), chunker.maxChars());
      var cached = cache.get(key);
      List<VectorCache.Entry> found;
      if (cached.isPresent()) {
        found = cached.get();
        reused++;
      } else {
        var split = chunker.split(folder.name(file), DocsFolder.text(file, bytes));
        found = embed(split, embedder);
        cache.put(key, found);
        embedded++;
      }
      int index = 0;
      for (var e : found) {
        chunks.add(new Chunk(folder.name(file), index++, e.text()));
        entries.add(e);
      }
    }
    return new DocsIndex(entries, chunks, embedded, reused);
  }

  private static List<VectorCache.Entry> embed(List<Chunk> chunks, Embedder embedder) {
    var out = new ArrayList<VectorCache.Entry>();
    for (int i = 0; i < chunks.size(); i += BATCH) {
      var batch = chunks.subList(i, Math.min(chunks.size(), i + BATCH));
      var vectors = embedder.embed(batch.stream().map(Chunk::text).toList());
      for (int j = 0; j < batch.size(); j++) {
        out.add(new VectorCache.Entry(batch.get(j).text(), vectors.get(j)));
      }
    }
    return out;
  }
}
