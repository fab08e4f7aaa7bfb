package dev.mixserve.cli.chat;

import java.util.List;

/** Turns texts into vectors; the seam between retrieval and the /embeddings route. */
public interface Embedder {
  /** Names the model, so that cached vectors of another model are never reused. */
  String id();

  List<float[]> embed(List<String> texts);
}
