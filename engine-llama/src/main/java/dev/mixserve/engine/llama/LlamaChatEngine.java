package dev.mixserve.engine.llama;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ChatEngine;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Generation;
import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A GGUF model on llama.cpp: one context with {@code parallel} sequences, stepped by one {@link
 * Decoder} thread that batches them together (continuous batching).
 */
public final class LlamaChatEngine implements ChatEngine {
  private final String deployment;
  private final String modelId;
  private final GgufInfo info;
  private final LlamaOptions options;
  private final int context;
  private final Model model;
  private final MemorySegment ctx;
  private final PromptBuilder prompts;
  private final Decoder decoder;

  LlamaChatEngine(String deployment, String modelId, Path file, LlamaOptions options) {
    this.deployment = deployment;
    this.modelId = modelId;
    this.info = GgufInfo.read(file);
    this.options = options.forModel(size(file), Runtime.getRuntime().availableProcessors());
    this.context = this.options.slotContext(info.trainedContext());
    this.model = Model.load(file, this.options.gpuLayers());
    try {
      this.prompts = PromptBuilder.of(model, this.options.chatTemplate());
      this.ctx = newContext();
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    this.decoder =
        new Decoder(
            model,
            ctx,
            this.options.parallel(),
            this.options.maxQueued(),
            this.options.batchSize(),
            deployment);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MemorySegment newContext() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment p = Llama.contextDefaults(a);
      p.set(JAVA_INT, 0, context * options.parallel()); // n_ctx: every sequence gets `context`
      p.set(JAVA_INT, 4, options.batchSize()); // n_batch
      p.set(JAVA_INT, 8, options.batchSize()); // n_ubatch: a step is one native batch
      p.set(JAVA_INT, 12, options.parallel()); // n_seq_max
      p.set(JAVA_INT, 16, options.threads());
      p.set(JAVA_INT, 20, options.threadsBatch());
      p.set(JAVA_FLOAT, 64, 0.1f); // defrag_thold, as llama.cpp's server sets it
      MemorySegment c = Llama.newContext(model.handle, p);
      if (c.address() == 0) {
        throw ServeException.engineFailure(
            "llama.cpp cannot create a context of "
                + context * options.parallel()
                + " tokens (out of memory?)",
            null);
      }
      return c;
    }
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        modelId,
        Task.CHAT,
        "llama-cpp",
        "GGUF model on llama.cpp (CPU build) with parallel slots and continuous batching.",
        Map.of(
            "architecture", info.architecture(),
            "context_size", context,
            "parallel", options.parallel(),
            "threads", options.threads(),
            "threads_batch", options.threadsBatch(),
            "chat_template", prompts.source()));
  }

  @Override
  public int contextSize() {
    return context;
  }

  @Override
  public int countTokens(ChatRequest request) {
    return tokens(request.input()).length;
  }

  private int[] tokens(ChatRequest.Input input) {
    if (!(input instanceof ChatRequest.Input.Tokens t)) {
      return model.tokenize(prompts.build(input));
    }
    int[] ids = t.ids().stream().mapToInt(Integer::intValue).toArray();
    for (int id : ids) {
      if (id < 0 || id >= model.vocabSize) {
        throw ServeException.invalid(
            "prompt",
            "token id "
                + id
                + " is not in this model's vocabulary (0.."
                + (model.vocabSize - 1)
                + ")");
      }
    }
    return ids;
  }

  @Override
  public Generation start(ChatRequest request) {
    return start(request, 1).getFirst();
  }

  /** The n answers share the prompt: it is decoded once and its cache cells are shared. */
  @Override
  public List<Generation> start(ChatRequest request, int n) {
    checkChoices(n);
    int[] prompt = tokens(request.input());
    if (prompt.length >= context) {
      throw ServeException.invalid(
          request.input() instanceof ChatRequest.Input.Messages ? "messages" : "prompt",
          "This model's maximum context length is "
              + context
              + " tokens. However, your prompt has "
              + prompt.length
              + " tokens. Please shorten it.");
    }
    if (prompt.length == 0) {
      throw ServeException.invalid("prompt", "the prompt has no tokens");
    }
    int room = context - prompt.length;
    int max = request.maxTokens() == null ? room : Math.min(request.maxTokens(), room);
    var group = new ArrayList<Job>(n);
    try {
      for (int j = 0; j < n; j++) {
        var sampling = request.withSampling(request.sampling().forChoice(j));
        group.add(
            new Job(
                prompt,
                max,
                request.stop(),
                Sampler.chain(model, sampling),
                request.logprobs(),
                request.promptLogprobs(),
                !(request.input() instanceof ChatRequest.Input.Prompt p)
                    || p.text().startsWith(" "),
                options.streamInterval(),
                decoder::withdraw));
      }
    } catch (RuntimeException e) {
      group.forEach(Job::freeSampler);
      throw e;
    }
    decoder.submit(group, deployment);
    return group.stream().map(j -> (Generation) j.out).toList();
  }

  /** A group takes a slot per answer, all at once. */
  @Override
  public int maxChoices() {
    return options.parallel();
  }

  @Override
  public boolean givesLogprobs() {
    return true;
  }

  @Override
  public int busySlots() {
    return decoder.busy();
  }

  @Override
  public int queued() {
    return decoder.queued();
  }

  /** Tokens generated since load, all requests together. */
  long tokensGenerated() {
    return decoder.tokens();
  }

  /** Prompt tokens decoded since load. */
  long promptTokensRead() {
    return decoder.promptTokens();
  }

  /** Tokens the KV cache held when the engine last went idle. */
  int cachedWhenIdle() {
    return decoder.cachedWhenIdle();
  }

  @Override
  public void close() {
    // A decode step that outlives the wait keeps the context: freeing it under the step would
    // crash the JVM; leaking it at shutdown does not.
    if (decoder.stop()) {
      Llama.freeContext(ctx);
      model.close();
    }
  }
}
