package dev.mixserve.core.echo;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ChatEngine;
import dev.mixserve.api.engine.EmbeddingEngine;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.RerankEngine;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Generation;
import dev.mixserve.api.engine.chat.QueuedGeneration;
import dev.mixserve.api.error.ServeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic engine with no model, for tests and benchmarks of everything around engines.
 * Vectors are a hash of the words; rerank scores are word overlap; chat streams back the last user
 * message word by word (see {@link EchoChat}). Directives in the text (see {@link Directives}) add
 * delays and failures.
 */
public final class EchoEngine implements EmbeddingEngine, RerankEngine, ChatEngine {
  private final String model;
  private final Task task;
  private final int dimensions;

  public EchoEngine(String model, Task task, int dimensions) {
    this.model = model;
    this.task = task;
    this.dimensions = dimensions;
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        model,
        task,
        "echo",
        "Deterministic test engine: no model, answers from the input.",
        Map.of("dimensions", dimensions));
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public int maxTokens() {
    return 8192;
  }

  @Override
  public List<Embedded> embed(List<Input> inputs) {
    var out = new ArrayList<Embedded>(inputs.size());
    for (Input in : inputs) {
      String text =
          switch (in) {
            case Input.Text t -> t.text();
            case Input.Tokens t -> Arrays.toString(t.ids());
          };
      Directives.of(text).apply();
      out.add(new Embedded(vector(text), words(text).size()));
    }
    return out;
  }

  @Override
  public List<Score> score(List<Pair> pairs) {
    var out = new ArrayList<Score>(pairs.size());
    for (Pair p : pairs) {
      Directives.of(p.query()).apply();
      Set<String> q = new HashSet<>(words(p.query()));
      List<String> d = words(p.document());
      long hits = d.stream().filter(q::contains).count();
      double raw = d.isEmpty() ? 0 : (double) hits / d.size();
      out.add(new Score(raw, raw, q.size() + d.size()));
    }
    return out;
  }

  @Override
  public int contextSize() {
    return EchoChat.CONTEXT;
  }

  @Override
  public int countTokens(ChatRequest request) {
    return EchoChat.countTokens(request);
  }

  @Override
  public Generation start(ChatRequest request) {
    if (request.logprobs() != null) {
      // No model, so no probabilities: made-up numbers would look like real ones.
      throw ServeException.invalid("logprobs", "the echo engine gives no logprobs");
    }
    int prompt = countTokens(request);
    if (prompt >= EchoChat.CONTEXT) {
      throw ServeException.invalid(
          "messages",
          "This model's maximum context length is "
              + EchoChat.CONTEXT
              + " tokens, but the prompt has "
              + prompt
              + " tokens.");
    }
    var generation = new QueuedGeneration(() -> {});
    Thread.ofVirtual().name("echo-chat").start(() -> EchoChat.run(request, generation));
    return generation;
  }

  private float[] vector(String text) {
    float[] v = new float[dimensions];
    for (String w : words(text)) {
      int h = Arrays.hashCode(w.getBytes(StandardCharsets.UTF_8));
      v[Math.floorMod(h, dimensions)] += 1;
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  @Override
  public void close() {}
}
