package dev.mixserve.cli.chat;

import java.util.List;

/** Orders documents by relevance to a query; the seam to the /reranker route. */
public interface Reranker {
  /** Indexes into {@code documents}, best first. */
  List<Integer> order(String query, List<String> documents);
}
