package dev.mixserve.engine.llama;

import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * llama.cpp's samplers (llama.h's {@code llama_sampler_*}) through the Foreign Function API: a
 * chain, the samplers {@link Sampler} puts in it, and sampling a token from a decode's logits. The
 * rest of the C API is {@link Llama}.
 */
final class LlamaSamplers {
  private static final StructLayout SAMPLER_CHAIN_PARAMS =
      structLayout(JAVA_BOOLEAN.withName("no_perf"));

  private static final MethodHandle CHAIN_DEFAULTS =
      Llama.fn("llama_sampler_chain_default_params", SAMPLER_CHAIN_PARAMS);
  private static final MethodHandle CHAIN_INIT =
      Llama.fn("llama_sampler_chain_init", ADDRESS, SAMPLER_CHAIN_PARAMS);
  private static final MethodHandle CHAIN_ADD =
      Llama.fn("llama_sampler_chain_add", null, ADDRESS, ADDRESS);
  private static final MethodHandle GREEDY = Llama.fn("llama_sampler_init_greedy", ADDRESS);
  private static final MethodHandle DIST = Llama.fn("llama_sampler_init_dist", ADDRESS, JAVA_INT);
  private static final MethodHandle TEMP = Llama.fn("llama_sampler_init_temp", ADDRESS, JAVA_FLOAT);
  private static final MethodHandle TOP_K = Llama.fn("llama_sampler_init_top_k", ADDRESS, JAVA_INT);
  private static final MethodHandle TOP_P =
      Llama.fn("llama_sampler_init_top_p", ADDRESS, JAVA_FLOAT, JAVA_LONG);
  private static final MethodHandle MIN_P =
      Llama.fn("llama_sampler_init_min_p", ADDRESS, JAVA_FLOAT, JAVA_LONG);
  private static final MethodHandle PENALTIES =
      Llama.fn(
          "llama_sampler_init_penalties", ADDRESS, JAVA_INT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT);
  private static final MethodHandle GRAMMAR =
      Llama.fn("llama_sampler_init_grammar", ADDRESS, ADDRESS, ADDRESS, ADDRESS);
  private static final MethodHandle SAMPLE =
      Llama.fn("llama_sampler_sample", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
  private static final MethodHandle SAMPLER_FREE = Llama.fn("llama_sampler_free", null, ADDRESS);

  private LlamaSamplers() {}

  static MemorySegment newChain() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment params = (MemorySegment) CHAIN_DEFAULTS.invokeExact((SegmentAllocator) a);
      return (MemorySegment) CHAIN_INIT.invokeExact(params);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  /** Adds a sampler to a chain, which then owns it. */
  static void add(MemorySegment chain, MemorySegment sampler) {
    try {
      CHAIN_ADD.invokeExact(chain, sampler);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  static MemorySegment greedy() {
    try {
      return (MemorySegment) GREEDY.invokeExact();
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  static MemorySegment dist(int seed) {
    try {
      return (MemorySegment) DIST.invokeExact(seed);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  static MemorySegment temperature(float t) {
    try {
      return (MemorySegment) TEMP.invokeExact(t);
    } catch (Throwable e) {
      throw Llama.rethrow(e);
    }
  }

  static MemorySegment topK(int k) {
    try {
      return (MemorySegment) TOP_K.invokeExact(k);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  static MemorySegment topP(float p) {
    try {
      return (MemorySegment) TOP_P.invokeExact(p, 1L);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  static MemorySegment minP(float p) {
    try {
      return (MemorySegment) MIN_P.invokeExact(p, 1L);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  static MemorySegment penalties(int lastN, float frequency, float presence) {
    try {
      return (MemorySegment) PENALTIES.invokeExact(lastN, 1.0f, frequency, presence);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  /** A grammar sampler, or NULL when the grammar does not parse. */
  static MemorySegment grammar(MemorySegment vocab, MemorySegment gbnf, MemorySegment root) {
    try {
      return (MemorySegment) GRAMMAR.invokeExact(vocab, gbnf, root);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  /**
   * Whether a grammar sampler holds a parsed grammar. In this build a grammar that does not parse
   * still gives a sampler, one that constrains nothing. Its state ({@code llama_sampler_grammar}:
   * vocab, grammar_str, grammar_root, grammar) tells; the library is built with libstdc++'s old
   * string ABI (a string is one pointer to its text), checked here by finding the two texts where
   * that layout puts them. Where they are not, llama.cpp is left to decide.
   */
  static boolean grammarParsed(MemorySegment sampler, String gbnf, String root) {
    MemorySegment state = sampler.reinterpret(16).get(ADDRESS, 8).reinterpret(32);
    long length = gbnf.getBytes(StandardCharsets.UTF_8).length;
    // Either string ABI starts with the text pointer; the new one then holds the length, which is
    // not a pointer to follow.
    boolean known =
        text(state.get(ADDRESS, 8), gbnf).equals(gbnf)
            && state.get(JAVA_LONG, 16) != length
            && text(state.get(ADDRESS, 16), root).equals(root);
    return !known || state.get(ADDRESS, 24).address() != 0;
  }

  private static String text(MemorySegment at, String expected) {
    if (at.address() == 0) {
      return "";
    }
    byte[] b = at.reinterpret(expected.getBytes(StandardCharsets.UTF_8).length).toArray(JAVA_BYTE);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Samples from the {@code index}-th output of the last decode and accepts the token. */
  static int sample(MemorySegment sampler, MemorySegment ctx, int index) {
    try {
      return (int) SAMPLE.invokeExact(sampler, ctx, index);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }

  static void freeSampler(MemorySegment sampler) {
    try {
      SAMPLER_FREE.invokeExact(sampler);
    } catch (Throwable t) {
      throw Llama.rethrow(t);
    }
  }
}
