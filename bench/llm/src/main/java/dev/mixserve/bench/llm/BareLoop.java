package dev.mixserve.bench.llm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * A reference for what llama.cpp itself can do here: the loop llama.cpp's server runs (one batch
 * per step holding every live sequence's next token, greedy pick, a finished sequence cleared and
 * replaced), written bare against llama.h with no mixserve class, no hand-off and no HTTP. It
 * stands in for {@code llama-server}, which this machine does not have.
 */
final class BareLoop implements AutoCloseable {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout MODEL_PARAMS =
      MemoryLayout.structLayout(MemoryLayout.sequenceLayout(8, ADDRESS));
  private static final StructLayout CONTEXT_PARAMS =
      MemoryLayout.structLayout(MemoryLayout.sequenceLayout(15, ADDRESS));
  private static final StructLayout BATCH =
      MemoryLayout.structLayout(
          JAVA_INT,
          MemoryLayout.paddingLayout(4),
          ADDRESS,
          ADDRESS,
          ADDRESS,
          ADDRESS,
          ADDRESS,
          ADDRESS);

  private final Setup setup;
  private final Arena arena = Arena.ofShared();
  private final MethodHandle decode;
  private final MethodHandle logits;
  private final MethodHandle seqRm;
  private final MethodHandle free;
  private final MethodHandle freeModel;
  private final MemorySegment model;
  private final MemorySegment ctx;
  private final int vocabSize;
  private final int[] prompt;
  private final MemorySegment batch;
  private final MemorySegment tokens;
  private final MemorySegment positions;
  private final MemorySegment sequences;
  private final MemorySegment outputs;

  BareLoop(Setup s, Path library) throws Throwable {
    this.setup = s;
    SymbolLookup lib = SymbolLookup.libraryLookup(library, arena);
    decode = fn(lib, "llama_decode", JAVA_INT, ADDRESS, BATCH);
    logits = fn(lib, "llama_get_logits_ith", ADDRESS, ADDRESS, JAVA_INT);
    seqRm = fn(lib, "llama_kv_self_seq_rm", JAVA_BOOLEAN, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT);
    free = fn(lib, "llama_free", null, ADDRESS);
    freeModel = fn(lib, "llama_model_free", null, ADDRESS);
    var mp =
        (MemorySegment)
            fn(lib, "llama_model_default_params", MODEL_PARAMS)
                .invokeExact((SegmentAllocator) arena);
    model =
        (MemorySegment)
            fn(lib, "llama_model_load_from_file", ADDRESS, ADDRESS, MODEL_PARAMS)
                .invokeExact(arena.allocateFrom(s.model().toString()), mp);
    var cp =
        (MemorySegment)
            fn(lib, "llama_context_default_params", CONTEXT_PARAMS)
                .invokeExact((SegmentAllocator) arena);
    // llama.h (build 4916): n_ctx, n_batch, n_ubatch, n_seq_max, n_threads, n_threads_batch
    int[] p = {512 * s.parallel(), 512, 512, s.parallel(), s.threads(), s.threads()};
    for (int i = 0; i < p.length; i++) {
      cp.set(JAVA_INT, 4L * i, p[i]);
    }
    ctx =
        (MemorySegment)
            fn(lib, "llama_init_from_model", ADDRESS, ADDRESS, CONTEXT_PARAMS)
                .invokeExact(model, cp);
    var vocab =
        (MemorySegment) fn(lib, "llama_model_get_vocab", ADDRESS, ADDRESS).invokeExact(model);
    vocabSize = (int) fn(lib, "llama_vocab_n_tokens", JAVA_INT, ADDRESS).invokeExact(vocab);
    MemorySegment out = arena.allocate(JAVA_INT, 64);
    String text = Setup.PROMPT;
    int n =
        (int)
            fn(
                    lib,
                    "llama_tokenize",
                    JAVA_INT,
                    ADDRESS,
                    ADDRESS,
                    JAVA_INT,
                    ADDRESS,
                    JAVA_INT,
                    JAVA_BOOLEAN,
                    JAVA_BOOLEAN)
                .invokeExact(vocab, arena.allocateFrom(text), text.length(), out, 64, true, true);
    prompt = out.asSlice(0, 4L * n).toArray(JAVA_INT);
    int cap = 512;
    batch = arena.allocate(BATCH);
    tokens = arena.allocate(JAVA_INT, cap);
    positions = arena.allocate(JAVA_INT, cap);
    sequences = arena.allocate(JAVA_INT, cap);
    outputs = arena.allocate(JAVA_BYTE, cap);
    MemorySegment counts = arena.allocate(JAVA_INT, cap);
    MemorySegment lists = arena.allocate(ADDRESS, cap);
    for (int i = 0; i < cap; i++) {
      counts.setAtIndex(JAVA_INT, i, 1);
      lists.setAtIndex(ADDRESS, i, sequences.asSlice(4L * i, 4));
    }
    batch.set(ADDRESS, 8, tokens);
    batch.set(ADDRESS, 24, positions);
    batch.set(ADDRESS, 32, counts);
    batch.set(ADDRESS, 40, lists);
    batch.set(ADDRESS, 48, outputs);
  }

  private static MethodHandle fn(
      SymbolLookup lib, String name, MemoryLayout result, MemoryLayout... args) {
    var d = result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
    return LINKER.downcallHandle(lib.find(name).orElseThrow(), d);
  }

  /** Tokens of one generation. */
  int one() throws Throwable {
    return steady(1, 0);
  }

  /**
   * {@code streams} generations stepped together, each replaced by a new one when it ends until
   * {@code endNanos}; total tokens.
   */
  int steady(int streams, long endNanos) throws Throwable {
    int[] made = new int[streams];
    int[] last = new int[streams];
    int[] output = new int[streams];
    boolean[] live = new boolean[streams];
    int total = 0;
    int k = 0;
    for (int s = 0; s < streams; s++) {
      k = start(s, k, output);
      live[s] = true;
    }
    int running = streams;
    while (running > 0) {
      batch.set(JAVA_INT, 0, k);
      if ((int) decode.invokeExact(ctx, batch) != 0) {
        throw new IllegalStateException("llama_decode failed");
      }
      for (int s = 0; s < streams; s++) {
        if (live[s]) {
          last[s] = argmax(output[s]);
          made[s]++;
          total++;
        }
      }
      k = 0;
      for (int s = 0; s < streams; s++) {
        if (!live[s]) {
          continue;
        }
        if (made[s] < setup.tokens()) {
          output[s] = add(k++, last[s], prompt.length + made[s] - 1, s);
        } else if (System.nanoTime() < endNanos) {
          made[s] = 0;
          k = start(s, k, output);
        } else {
          boolean ignored = (boolean) seqRm.invokeExact(ctx, s, -1, -1);
          live[s] = false;
          running--;
        }
      }
    }
    return total;
  }

  // Clears sequence s and adds its prompt to the batch from index k; returns the next index.
  private int start(int s, int k, int[] output) throws Throwable {
    boolean ignored = (boolean) seqRm.invokeExact(ctx, s, -1, -1);
    for (int i = 0; i < prompt.length; i++) {
      output[s] = add(k++, prompt[i], i, s);
      outputs.set(JAVA_BYTE, output[s], (byte) (i == prompt.length - 1 ? 1 : 0));
    }
    return k;
  }

  private int add(int i, int token, int position, int sequence) {
    tokens.setAtIndex(JAVA_INT, i, token);
    positions.setAtIndex(JAVA_INT, i, position);
    sequences.setAtIndex(JAVA_INT, i, sequence);
    outputs.set(JAVA_BYTE, i, (byte) 1);
    return i;
  }

  private int argmax(int index) throws Throwable {
    var l = ((MemorySegment) logits.invokeExact(ctx, index)).reinterpret(4L * vocabSize);
    int best = 0;
    for (int i = 1; i < vocabSize; i++) {
      if (l.getAtIndex(JAVA_FLOAT, i) > l.getAtIndex(JAVA_FLOAT, best)) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public void close() {
    try {
      free.invokeExact(ctx);
      freeModel.invokeExact(model);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    arena.close();
  }
}
