package dev.mixserve.cli.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a document into chunks of at most {@code maxChars}: paragraphs are kept whole and packed
 * together, since a paragraph is usually one fact; only a paragraph longer than the limit is cut,
 * at sentence ends where it can be. BGE-small reads 512 tokens, about 2,000 characters.
 */
public record Chunker(int maxChars) {
  public Chunker {
    if (maxChars < 50) {
      throw new IllegalArgumentException("chunks need at least 50 characters, got " + maxChars);
    }
  }

  public List<Chunk> split(String file, String text) {
    var out = new ArrayList<Chunk>();
    var current = new StringBuilder();
    for (String para : text.split("\\n\\s*\\n")) {
      for (String piece : cut(para.strip())) {
        if (!current.isEmpty() && current.length() + piece.length() + 2 > maxChars) {
          out.add(new Chunk(file, out.size(), current.toString()));
          current.setLength(0);
        }
        current.append(current.isEmpty() ? "" : "\n\n").append(piece);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(new Chunk(file, out.size(), current.toString()));
    }
    return out;
  }

  /** A paragraph in pieces no longer than maxChars, cut after sentences where possible. */
  private List<String> cut(String para) {
    var out = new ArrayList<String>();
    String rest = para;
    while (rest.length() > maxChars) {
      int at = rest.lastIndexOf(". ", maxChars - 1);
      int end = at > maxChars / 2 ? at + 1 : maxChars;
      out.add(rest.substring(0, end).strip());
      rest = rest.substring(end).strip();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }
}
