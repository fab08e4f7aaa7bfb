package dev.mixserve.cli.chat;

import java.util.Objects;

/**
 * A piece of one document, the unit that is embedded and retrieved.
 *
 * @param file the file's path relative to the docs folder, as cited
 * @param index the chunk's place in its file, from 0
 */
public record Chunk(String file, int index, String text) {
  public Chunk {
    Objects.requireNonNull(file, "file");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative");
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a chunk needs text");
    }
  }
}
