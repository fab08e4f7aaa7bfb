package dev.mixserve.engine.onnx;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.api.engine.EngineOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The three ONNX engine kinds and their shared options. */
public final class OnnxFactories {
  private static final Set<String> OPTIONS =
      Set.of("pooling", "normalize", "threads", "max_tokens");

  private OnnxFactories() {}

  /** What makes two deployments' encoders the same: the model and the encoder's options. */
  record EncoderKey(String model, int threads, int maxTokens) {}

  /**
   * Encoders in use in this JVM, one per key. Static because the factories are found by
   * ServiceLoader, each on its own, and an ONNX session is a process-wide native resource anyway.
   */
  static final Shared<EncoderKey, BertEncoder> ENCODERS = new Shared<>();

  static Shared.Lease<BertEncoder> encoder(Deployment d, Path cacheDir) {
    Map<String, Object> o = d.engine().options();
    EngineOptions.allowOnly(o, OPTIONS);
    int threads =
        EngineOptions.whole(o, "threads", Runtime.getRuntime().availableProcessors(), 1, 256);
    int maxTokens = EngineOptions.whole(o, "max_tokens", 512, 1, 8192);
    String model = d.engine().model();
    return ENCODERS.acquire(
        new EncoderKey(ModelFiles.key(model), threads, maxTokens),
        () -> new BertEncoder(ModelFiles.resolve(model, cacheDir), threads, maxTokens));
  }

  static BertEmbeddingEngine embedder(Deployment d, Path cacheDir) {
    Map<String, Object> o = d.engine().options();
    Pooling pooling = Pooling.parse(o.getOrDefault("pooling", "cls"));
    boolean normalize = EngineOptions.flag(o, "normalize", true);
    return new BertEmbeddingEngine(modelId(d), encoder(d, cacheDir), pooling, normalize);
  }

  /** The context's cache, else the temp folder's (a context made without one, in tests). */
  static Path cache(EngineContext context) {
    return context != null && context.cacheDir() != null
        ? context.cacheDir()
        : Path.of(
            System.getProperty("java.io.tmpdir"), "mixserve-" + System.getProperty("user.name"));
  }

  static String modelId(Deployment d) {
    String m = d.engine().model();
    return m.isEmpty() ? ModelFiles.BGE_SMALL : m.replaceFirst("^builtin:", "");
  }

  /** engine.kind onnx-bert. */
  public static final class Bert implements EngineFactory {
    @Override
    public String kind() {
      return "onnx-bert";
    }

    @Override
    public Set<Task> tasks() {
      return Set.of(Task.EMBEDDING);
    }

    @Override
    public Engine create(Deployment d, EngineContext context) {
      return embedder(d, cache(context));
    }
  }

  /** engine.kind onnx-bi-encoder. */
  public static final class BiEncoder implements EngineFactory {
    @Override
    public String kind() {
      return "onnx-bi-encoder";
    }

    @Override
    public Set<Task> tasks() {
      return Set.of(Task.RERANK);
    }

    @Override
    public Engine create(Deployment d, EngineContext context) {
      return new BiEncoderRerankEngine(modelId(d), embedder(d, cache(context)));
    }
  }

  /** engine.kind onnx-cross-encoder. */
  public static final class CrossEncoder implements EngineFactory {
    @Override
    public String kind() {
      return "onnx-cross-encoder";
    }

    @Override
    public Set<Task> tasks() {
      return Set.of(Task.RERANK);
    }

    @Override
    public Engine create(Deployment d, EngineContext context) {
      return new CrossEncoderRerankEngine(modelId(d), encoder(d, cache(context)));
    }
  }
}
