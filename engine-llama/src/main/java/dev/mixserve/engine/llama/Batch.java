package dev.mixserve.engine.llama;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A {@code llama_batch} in native memory, reused for every step; each token has one sequence. */
final class Batch {
  final MemorySegment struct;
  private final int capacity;
  private final MemorySegment tokens;
  private final MemorySegment positions;
  private final MemorySegment sequences;
  private final MemorySegment outputs;
  private int size;

  Batch(Arena arena, int capacity) {
    this.capacity = capacity;
    this.struct = arena.allocate(Llama.BATCH);
    this.tokens = arena.allocate(JAVA_INT, capacity);
    this.positions = arena.allocate(JAVA_INT, capacity);
    this.sequences = arena.allocate(JAVA_INT, capacity);
    this.outputs = arena.allocate(JAVA_BYTE, capacity);
    MemorySegment counts = arena.allocate(JAVA_INT, capacity);
    MemorySegment lists = arena.allocate(ADDRESS, capacity);
    for (int i = 0; i < capacity; i++) {
      counts.setAtIndex(JAVA_INT, i, 1);
      lists.setAtIndex(ADDRESS, i, sequences.asSlice(4L * i, 4));
    }
    struct.set(ADDRESS, 8, tokens);
    struct.set(ADDRESS, 16, MemorySegment.NULL);
    struct.set(ADDRESS, 24, positions);
    struct.set(ADDRESS, 32, counts);
    struct.set(ADDRESS, 40, lists);
    struct.set(ADDRESS, 48, outputs);
  }

  void clear() {
    size = 0;
    struct.set(JAVA_INT, 0, 0);
  }

  int size() {
    return size;
  }

  int room() {
    return capacity - size;
  }

  /** Adds a token and returns its index; {@code output}: the step computes logits for it. */
  int add(int token, int position, int sequence, boolean output) {
    int i = size++;
    tokens.setAtIndex(JAVA_INT, i, token);
    positions.setAtIndex(JAVA_INT, i, position);
    sequences.setAtIndex(JAVA_INT, i, sequence);
    outputs.set(JAVA_BYTE, i, output ? (byte) 1 : 0);
    struct.set(JAVA_INT, 0, size);
    return i;
  }
}
