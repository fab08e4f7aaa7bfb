package dev.mixserve.engine.llama;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * llama.cpp's C API (llama.h of build 4916, the one inside {@code de.kherud:llama:4.2.0}) through
 * the Foreign Function API, on the binding's own native library.
 *
 * <p>Why not the binding's Java API: it runs llama.cpp's HTTP-server loop in-process, turns every
 * token into JSON and waits for it in a spinning queue; on stories260K that path gave ~1,200 tok/s
 * for one stream where this one, the same library stepping the same batches, gives 3,000–5,000.
 *
 * <p>The struct layouts are checked at load against the library's own defaults ({@link #check}), so
 * a different build fails with a message instead of corrupting memory. The samplers' functions are
 * in {@link LlamaSamplers}.
 */
final class Llama {
  static final StructLayout MODEL_PARAMS =
      structLayout(
          ADDRESS.withName("devices"),
          JAVA_INT.withName("n_gpu_layers"),
          JAVA_INT.withName("split_mode"),
          JAVA_INT.withName("main_gpu"),
          paddingLayout(4),
          ADDRESS.withName("tensor_split"),
          ADDRESS.withName("progress_callback"),
          ADDRESS.withName("progress_callback_user_data"),
          ADDRESS.withName("kv_overrides"),
          JAVA_BOOLEAN.withName("vocab_only"),
          JAVA_BOOLEAN.withName("use_mmap"),
          JAVA_BOOLEAN.withName("use_mlock"),
          JAVA_BOOLEAN.withName("check_tensors"),
          paddingLayout(4));

  static final StructLayout CONTEXT_PARAMS =
      structLayout(
          JAVA_INT.withName("n_ctx"),
          JAVA_INT.withName("n_batch"),
          JAVA_INT.withName("n_ubatch"),
          JAVA_INT.withName("n_seq_max"),
          JAVA_INT.withName("n_threads"),
          JAVA_INT.withName("n_threads_batch"),
          JAVA_INT.withName("rope_scaling_type"),
          JAVA_INT.withName("pooling_type"),
          JAVA_INT.withName("attention_type"),
          JAVA_FLOAT.withName("rope_freq_base"),
          JAVA_FLOAT.withName("rope_freq_scale"),
          JAVA_FLOAT.withName("yarn_ext_factor"),
          JAVA_FLOAT.withName("yarn_attn_factor"),
          JAVA_FLOAT.withName("yarn_beta_fast"),
          JAVA_FLOAT.withName("yarn_beta_slow"),
          JAVA_INT.withName("yarn_orig_ctx"),
          JAVA_FLOAT.withName("defrag_thold"),
          paddingLayout(4),
          ADDRESS.withName("cb_eval"),
          ADDRESS.withName("cb_eval_user_data"),
          JAVA_INT.withName("type_k"),
          JAVA_INT.withName("type_v"),
          JAVA_BOOLEAN.withName("logits_all"),
          JAVA_BOOLEAN.withName("embeddings"),
          JAVA_BOOLEAN.withName("offload_kqv"),
          JAVA_BOOLEAN.withName("flash_attn"),
          JAVA_BOOLEAN.withName("no_perf"),
          paddingLayout(3),
          ADDRESS.withName("abort_callback"),
          ADDRESS.withName("abort_callback_data"));

  static final StructLayout BATCH =
      structLayout(
          JAVA_INT.withName("n_tokens"),
          paddingLayout(4),
          ADDRESS.withName("token"),
          ADDRESS.withName("embd"),
          ADDRESS.withName("pos"),
          ADDRESS.withName("n_seq_id"),
          ADDRESS.withName("seq_id"),
          ADDRESS.withName("logits"));

  static final StructLayout CHAT_MESSAGE =
      structLayout(ADDRESS.withName("role"), ADDRESS.withName("content"));

  /** llama.h's LLAMA_DEFAULT_SEED: the sampler picks a random seed. */
  static final int RANDOM_SEED = 0xFFFFFFFF;

  private static final Linker LINKER = Linker.nativeLinker();

  private static final MethodHandle BACKEND_INIT = fn("llama_backend_init", null);
  private static final MethodHandle LOG_SET = fn("llama_log_set", null, ADDRESS, ADDRESS);
  private static final MethodHandle MODEL_DEFAULTS = fn("llama_model_default_params", MODEL_PARAMS);
  private static final MethodHandle MODEL_LOAD =
      fn("llama_model_load_from_file", ADDRESS, ADDRESS, MODEL_PARAMS);
  private static final MethodHandle MODEL_FREE = fn("llama_model_free", null, ADDRESS);
  private static final MethodHandle MODEL_TEMPLATE =
      fn("llama_model_chat_template", ADDRESS, ADDRESS, ADDRESS);
  private static final MethodHandle CONTEXT_DEFAULTS =
      fn("llama_context_default_params", CONTEXT_PARAMS);
  private static final MethodHandle INIT_CONTEXT =
      fn("llama_init_from_model", ADDRESS, ADDRESS, CONTEXT_PARAMS);
  private static final MethodHandle FREE = fn("llama_free", null, ADDRESS);
  private static final MethodHandle GET_VOCAB = fn("llama_model_get_vocab", ADDRESS, ADDRESS);
  private static final MethodHandle N_TOKENS = fn("llama_vocab_n_tokens", JAVA_INT, ADDRESS);
  private static final MethodHandle IS_EOG =
      fn("llama_vocab_is_eog", JAVA_BOOLEAN, ADDRESS, JAVA_INT);
  private static final MethodHandle TOKENIZE =
      fn(
          "llama_tokenize",
          JAVA_INT,
          ADDRESS,
          ADDRESS,
          JAVA_INT,
          ADDRESS,
          JAVA_INT,
          JAVA_BOOLEAN,
          JAVA_BOOLEAN);
  private static final MethodHandle TO_PIECE =
      fn(
          "llama_token_to_piece",
          JAVA_INT,
          ADDRESS,
          JAVA_INT,
          ADDRESS,
          JAVA_INT,
          JAVA_INT,
          JAVA_BOOLEAN);
  private static final MethodHandle APPLY_TEMPLATE =
      fn(
          "llama_chat_apply_template",
          JAVA_INT,
          ADDRESS,
          ADDRESS,
          JAVA_LONG,
          JAVA_BOOLEAN,
          ADDRESS,
          JAVA_INT);
  private static final MethodHandle DECODE = fn("llama_decode", JAVA_INT, ADDRESS, BATCH);
  private static final MethodHandle SEQ_RM =
      fn("llama_kv_self_seq_rm", JAVA_BOOLEAN, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle SEQ_CP =
      fn("llama_kv_self_seq_cp", null, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle LOGITS_ITH =
      fn("llama_get_logits_ith", ADDRESS, ADDRESS, JAVA_INT);
  private static final MethodHandle USED_CELLS = fn("llama_kv_self_used_cells", JAVA_INT, ADDRESS);

  private Llama() {}

  static MethodHandle fn(String name, MemoryLayout result, MemoryLayout... args) {
    MemorySegment address =
        NativeLibrary.lookup()
            .find(name)
            .orElseThrow(() -> new IllegalStateException("llama.cpp has no " + name));
    FunctionDescriptor d =
        result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
    return LINKER.downcallHandle(address, d);
  }

  /**
   * Fails unless the library's defaults sit where this class expects them: a build with another
   * struct layout must not be driven with this one.
   */
  static void check() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment c = contextDefaults(a);
      MemorySegment m = modelDefaults(a);
      boolean ok =
          c.get(JAVA_INT, 0) == 512
              && c.get(JAVA_INT, 4) == 2048
              && c.get(JAVA_FLOAT, 48) == 1.0f
              && c.get(JAVA_BOOLEAN, 98) // offload_kqv
              && c.get(JAVA_BOOLEAN, 100) // no_perf
              && m.get(JAVA_INT, 12) == 1 // split_mode LAYER
              && m.get(JAVA_BOOLEAN, 57); // use_mmap
      if (!ok) {
        throw new IllegalStateException(
            "the llama.cpp library does not have the struct layout of build 4916;"
                + " mixserve drives de.kherud:llama 4.2.0's library only");
      }
    }
  }

  static void backendInit(MemorySegment logCallback) {
    try {
      LOG_SET.invokeExact(logCallback, MemorySegment.NULL);
      BACKEND_INIT.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static MemorySegment modelDefaults(SegmentAllocator a) {
    try {
      return (MemorySegment) MODEL_DEFAULTS.invokeExact(a);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static MemorySegment contextDefaults(SegmentAllocator a) {
    try {
      return (MemorySegment) CONTEXT_DEFAULTS.invokeExact(a);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The model, or NULL when llama.cpp cannot load the file (it logs why). */
  static MemorySegment loadModel(MemorySegment path, MemorySegment params) {
    try {
      return (MemorySegment) MODEL_LOAD.invokeExact(path, params);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void freeModel(MemorySegment model) {
    try {
      MODEL_FREE.invokeExact(model);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The GGUF's chat template, or NULL. */
  static MemorySegment modelTemplate(MemorySegment model) {
    try {
      return (MemorySegment) MODEL_TEMPLATE.invokeExact(model, MemorySegment.NULL);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static MemorySegment newContext(MemorySegment model, MemorySegment params) {
    try {
      return (MemorySegment) INIT_CONTEXT.invokeExact(model, params);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void freeContext(MemorySegment ctx) {
    try {
      FREE.invokeExact(ctx);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static MemorySegment vocab(MemorySegment model) {
    try {
      return (MemorySegment) GET_VOCAB.invokeExact(model);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static int vocabSize(MemorySegment vocab) {
    try {
      return (int) N_TOKENS.invokeExact(vocab);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static boolean isEndOfGeneration(MemorySegment vocab, int token) {
    try {
      return (boolean) IS_EOG.invokeExact(vocab, token);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Tokens written, or minus the number needed when {@code max} is too small. */
  static int tokenize(
      MemorySegment vocab, MemorySegment text, int length, MemorySegment out, int max) {
    try {
      // add_special: BOS where the vocabulary wants it; parse_special: template markers are tokens.
      return (int) TOKENIZE.invokeExact(vocab, text, length, out, max, true, true);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Bytes written, or minus the number needed. Control tokens render as nothing. */
  static int piece(MemorySegment vocab, int token, MemorySegment buf, int length) {
    try {
      return (int) TO_PIECE.invokeExact(vocab, token, buf, length, 0, false);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Bytes the rendered chat needs (may exceed {@code length}), or negative: unknown template. */
  static int applyTemplate(
      MemorySegment template, MemorySegment messages, long count, MemorySegment buf, int length) {
    try {
      return (int) APPLY_TEMPLATE.invokeExact(template, messages, count, true, buf, length);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** 0 ok, 1 no room in the KV cache for the batch, 2 aborted, negative: error. */
  static int decode(MemorySegment ctx, MemorySegment batch) {
    try {
      return (int) DECODE.invokeExact(ctx, batch);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Forgets everything a sequence has in the KV cache. */
  static void clearSequence(MemorySegment ctx, int seq) {
    try {
      boolean ignored = (boolean) SEQ_RM.invokeExact(ctx, seq, -1, -1);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * Makes sequence {@code to} hold everything {@code from} holds. The unified cache shares the
   * cells (each gains the sequence id) rather than copying them: a prompt decoded once serves every
   * sequence it is copied to.
   */
  static void copySequence(MemorySegment ctx, int from, int to) {
    try {
      SEQ_CP.invokeExact(ctx, from, to, -1, -1);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The {@code index}-th output's logits of the last decode: {@code vocabSize} floats. */
  static MemorySegment logits(MemorySegment ctx, int index, int vocabSize) {
    try {
      MemorySegment p = (MemorySegment) LOGITS_ITH.invokeExact(ctx, index);
      if (p.address() == 0) {
        throw new IllegalStateException("llama.cpp has no logits for output " + index);
      }
      return p.reinterpret(4L * vocabSize);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** KV-cache cells that hold a token of some sequence. */
  static int usedCells(MemorySegment ctx) {
    try {
      return (int) USED_CELLS.invokeExact(ctx);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
