package dev.mixserve.engine.llama;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.mixserve.api.error.ServeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A loaded GGUF model and its vocabulary. Tokenizing is safe from any thread. */
final class Model implements AutoCloseable {
  final MemorySegment handle;
  final MemorySegment vocab;
  final int vocabSize;

  private Model(MemorySegment handle) {
    this.handle = handle;
    this.vocab = Llama.vocab(handle);
    this.vocabSize = Llama.vocabSize(vocab);
  }

  static Model load(Path file, int gpuLayers) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment params = Llama.modelDefaults(a);
      params.set(JAVA_INT, 8, gpuLayers); // n_gpu_layers
      MemorySegment m = Llama.loadModel(a.allocateFrom(file.toString()), params);
      if (m.address() == 0) {
        throw ServeException.engineFailure(
            "llama.cpp cannot load " + file + " (not a GGUF model it knows; its log says why)",
            null);
      }
      return new Model(m);
    }
  }

  /** The prompt's tokens as the model reads them: BOS first where the vocabulary adds one. */
  int[] tokenize(String text) {
    try (Arena a = Arena.ofConfined()) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      MemorySegment in = a.allocate(utf8.length + 1L);
      MemorySegment.copy(utf8, 0, in, JAVA_BYTE, 0, utf8.length);
      int max = utf8.length + 2; // a token covers at least one byte; BOS and EOS besides
      MemorySegment out = a.allocate(JAVA_INT, max);
      int n = Llama.tokenize(vocab, in, utf8.length, out, max);
      if (n < 0) {
        throw new IllegalStateException("llama_tokenize needs " + -n + " tokens, had " + max);
      }
      return out.asSlice(0, 4L * n).toArray(JAVA_INT);
    }
  }

  boolean endsGeneration(int token) {
    return Llama.isEndOfGeneration(vocab, token);
  }

  /** The GGUF's chat template, or null. */
  String template() {
    MemorySegment t = Llama.modelTemplate(handle);
    return t.address() == 0 ? null : t.reinterpret(Long.MAX_VALUE).getString(0);
  }

  @Override
  public void close() {
    Llama.freeModel(handle);
  }
}
