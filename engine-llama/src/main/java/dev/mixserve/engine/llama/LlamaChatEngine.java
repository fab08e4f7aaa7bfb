package dev.mixserve.engine.llama;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ChatEngine;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Generation;
import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A GGUF model on llama.cpp with {@code parallel} slots batched together natively.
 *
 * <p>Closing frees the native model, but the binding leaves a non-daemon native thread behind
 * (kherud/java-llama.cpp#116), so a JVM that loaded one never exits on its own: the host must call
 * {@code System.exit} after closing its engines.
 */
public final class LlamaChatEngine implements ChatEngine {
  private final String deployment;
  private final String modelId;
  private final GgufInfo info;
  private final LlamaOptions options;
  private final int context;
  private final LlamaModel model;
  private final PromptBuilder prompts;
  private final Dispatcher dispatcher;

  LlamaChatEngine(String deployment, String modelId, Path file, LlamaOptions options) {
    this.deployment = deployment;
    this.modelId = modelId;
    this.info = GgufInfo.read(file);
    this.options = options.forModel(size(file), Runtime.getRuntime().availableProcessors());
    this.context = this.options.slotContext(info.trainedContext());
    boolean templated = this.options.chatTemplate() != null || info.chatTemplate() != null;
    try {
      this.model = new LlamaModel(parameters(file, templated));
    } catch (RuntimeException e) {
      throw ServeException.engineFailure(
          "llama.cpp cannot load " + file + ": " + e.getMessage(), e);
    }
    this.prompts = new PromptBuilder(model, templated);
    this.dispatcher =
        new Dispatcher(model, this.options.parallel(), this.options.maxQueued(), deployment);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ModelParameters parameters(Path file, boolean templated) {
    var p =
        new ModelParameters()
            .setModel(file.toString())
            .setThreads(options.threads())
            .setThreadsBatch(options.threadsBatch())
            .setParallel(options.parallel())
            .setCtxSize(context * options.parallel()) // llama.cpp splits it evenly over slots
            .setBatchSize(options.batchSize())
            .setGpuLayers(options.gpuLayers())
            .enableContBatching()
            .disableContextShift(); // answers are clamped to the context instead
    if (templated) {
      p.enableJinja();
    }
    if (options.chatTemplate() != null) {
      p.setChatTemplate(options.chatTemplate());
    }
    return p;
  }

  @Override
  public ModelCard card() {
    String template =
        options.chatTemplate() != null
            ? "engine option"
            : info.chatTemplate() != null ? "gguf" : "none (plain text fallback)";
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
            "chat_template", template));
  }

  @Override
  public int contextSize() {
    return context;
  }

  @Override
  public int countTokens(ChatRequest request) {
    return count(prompts.build(request.input()));
  }

  // encode() leaves out BOS, which llama.cpp adds when it reads the prompt.
  private int count(String prompt) {
    return model.encode(prompt).length + (info.addsBos() ? 1 : 0);
  }

  @Override
  public Generation start(ChatRequest request) {
    String prompt = prompts.build(request.input());
    int tokens = count(prompt);
    if (tokens >= context) {
      throw ServeException.invalid(
          request.input() instanceof ChatRequest.Input.Prompt ? "prompt" : "messages",
          "This model's maximum context length is "
              + context
              + " tokens. However, your prompt has "
              + tokens
              + " tokens. Please shorten it.");
    }
    int room = context - tokens;
    int max = request.maxTokens() == null ? room : Math.min(request.maxTokens(), room);
    var job = new Job(Sampler.params(prompt, request, max), tokens, max, dispatcher::withdraw);
    dispatcher.submit(job, deployment);
    return job.out;
  }

  @Override
  public int busySlots() {
    return dispatcher.busy();
  }

  @Override
  public int queued() {
    return dispatcher.queued();
  }

  /** Tokens generated since load, all requests together. */
  long tokensGenerated() {
    return dispatcher.tokens();
  }

  @Override
  public void close() {
    dispatcher.close();
    model.close();
  }
}
