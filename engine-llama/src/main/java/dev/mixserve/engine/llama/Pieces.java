package dev.mixserve.engine.llama;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Each token's bytes, asked of llama.cpp once and kept: logprobs name up to 21 tokens per step, and
 * a vocabulary's pieces are a few megabytes at most. Decoder thread only.
 */
final class Pieces {
  private final MemorySegment vocab;
  private final byte[][] cache;
  private final Arena arena;
  private MemorySegment buffer;

  Pieces(Model model, Arena arena) {
    this.vocab = model.vocab;
    this.cache = new byte[model.vocabSize][];
    this.arena = arena;
    this.buffer = arena.allocate(256);
  }

  /** The token's bytes (control tokens have none); the array is shared: do not change it. */
  byte[] of(int token) {
    byte[] b = cache[token];
    if (b == null) {
      b = read(token);
      cache[token] = b;
    }
    return b;
  }

  private byte[] read(int token) {
    int n = Llama.piece(vocab, token, buffer, (int) buffer.byteSize());
    if (n < 0) {
      buffer = arena.allocate(-n);
      n = Llama.piece(vocab, token, buffer, (int) buffer.byteSize());
    }
    byte[] out = new byte[n];
    MemorySegment.copy(buffer, JAVA_BYTE, 0, out, 0, n);
    return out;
  }
}
