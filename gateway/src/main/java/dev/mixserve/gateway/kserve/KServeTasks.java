package dev.mixserve.gateway.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.EmbeddingEngine;
import dev.mixserve.api.engine.EmbeddingEngine.Input;
import dev.mixserve.api.engine.RerankEngine.Pair;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.upstream.ReplicaEngine;
import dev.mixserve.protocol.kserve.InferRequest;
import dev.mixserve.protocol.kserve.KServeJson.TensorSpec;
import dev.mixserve.protocol.kserve.OutputTensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What each task means in KServe terms: tensor metadata, V2 infer and V1 predict. */
public final class KServeTasks {
  private KServeTasks() {}

  static List<TensorSpec> inputs(DeploymentRuntime rt) {
    return switch (rt.deployment().task()) {
      case EMBEDDING -> List.of(new TensorSpec("text", "BYTES", new long[] {-1}));
      case RERANK ->
          List.of(
              new TensorSpec("query", "BYTES", new long[] {1}),
              new TensorSpec("documents", "BYTES", new long[] {-1}));
      case CHAT, TRANSCRIPTION, SPEECH -> List.of(KServeGenerative.names(rt).input());
    };
  }

  static List<TensorSpec> outputs(DeploymentRuntime rt) {
    return switch (rt.deployment().task()) {
      case EMBEDDING -> {
        int dims = rt.engine() instanceof EmbeddingEngine e ? e.dimensions() : -1;
        yield List.of(new TensorSpec("embedding", "FP32", new long[] {-1, dims}));
      }
      case RERANK -> List.of(new TensorSpec("scores", "FP32", new long[] {-1}));
      case CHAT, TRANSCRIPTION, SPEECH -> List.of(KServeGenerative.names(rt).output());
    };
  }

  static List<OutputTensor> infer(DeploymentRuntime rt, InferRequest req, Duration deadline) {
    for (String o : req.outputs()) {
      if (outputs(rt).stream().noneMatch(s -> s.name().equals(o))) {
        throw ServeException.invalid(
            "unknown output '"
                + o
                + "'; "
                + rt.deployment().name()
                + " has "
                + outputs(rt).stream().map(TensorSpec::name).toList());
      }
    }
    for (var in : req.inputs()) {
      if (inputs(rt).stream().noneMatch(s -> s.name().equals(in.name()))) {
        throw ServeException.invalid(
            "unknown input '"
                + in.name()
                + "'; "
                + rt.deployment().name()
                + " takes "
                + inputs(rt).stream().map(TensorSpec::name).toList());
      }
    }
    return switch (rt.deployment().task()) {
      case EMBEDDING -> {
        var texts = req.input("text").strings();
        var vectors = rt.embed(texts.stream().<Input>map(Input.Text::new).toList(), deadline);
        int dims = vectors.isEmpty() ? 0 : vectors.getFirst().vector().length;
        var flat = new ArrayList<Float>(vectors.size() * dims);
        vectors.forEach(
            v -> {
              for (float x : v.vector()) {
                flat.add(x);
              }
            });
        yield List.of(
            new OutputTensor("embedding", "FP32", new long[] {vectors.size(), dims}, flat));
      }
      case RERANK -> {
        var query = req.input("query").strings();
        if (query.size() != 1) {
          throw ServeException.invalid(
              "input 'query' must hold exactly one string, got " + query.size());
        }
        var docs = req.input("documents").strings();
        var scores =
            rt.rerank(docs.stream().map(d -> new Pair(query.getFirst(), d)).toList(), deadline);
        boolean raw = req.flag("raw_scores");
        var data = scores.stream().map(s -> (float) (raw ? s.raw() : s.relevance())).toList();
        yield List.of(new OutputTensor("scores", "FP32", new long[] {data.size()}, data));
      }
      case CHAT, TRANSCRIPTION, SPEECH -> {
        var names = KServeGenerative.names(rt);
        var out =
            req.input(names.input().name()).strings().stream()
                .map(text -> KServeGenerative.run(rt, text, req.parameters()))
                .toList();
        yield List.of(
            new OutputTensor(names.output().name(), "BYTES", new long[] {out.size()}, out));
      }
    };
  }

  /** V1 predict: one prediction per instance. */
  static List<?> predict(DeploymentRuntime rt, JsonNode instances, Duration deadline) {
    if (instances == null || !instances.isArray() || instances.isEmpty()) {
      throw ServeException.invalid("'instances' must be a non-empty array");
    }
    return switch (rt.deployment().task()) {
      case EMBEDDING -> {
        var inputs = new ArrayList<Input>();
        for (JsonNode i : instances) {
          JsonNode t = i.isObject() ? i.get("text") : i;
          if (t == null || !t.isTextual() || t.asText().isEmpty()) {
            throw ServeException.invalid(
                "each instance must be a non-empty string or {\"text\": string}");
          }
          inputs.add(new Input.Text(t.asText()));
        }
        yield rt.embed(inputs, deadline).stream().map(EmbeddingEngine.Embedded::vector).toList();
      }
      case RERANK -> {
        var out = new ArrayList<List<Float>>();
        for (JsonNode i : instances) {
          var q = i.path("query");
          var docs = i.path("documents");
          if (!q.isTextual() || !docs.isArray() || docs.isEmpty()) {
            throw ServeException.invalid(
                "each instance must be {\"query\": string, \"documents\": [strings]}");
          }
          var pairs = new ArrayList<Pair>();
          docs.forEach(d -> pairs.add(new Pair(q.asText(), d.asText())));
          out.add(rt.rerank(pairs, deadline).stream().map(s -> (float) s.relevance()).toList());
        }
        yield out;
      }
      case CHAT, TRANSCRIPTION, SPEECH -> {
        var out = new ArrayList<String>();
        String field =
            rt.deployment().task() == dev.mixserve.api.Task.TRANSCRIPTION ? "audio" : "prompt";
        for (JsonNode i : instances) {
          JsonNode t = i.isObject() ? i.path(i.has("text") ? "text" : field) : i;
          if (!t.isTextual() || t.asText().isEmpty()) {
            throw ServeException.invalid(
                "each instance must be a non-empty string or {\"" + field + "\": string, ...}");
          }
          var params = new java.util.HashMap<String, JsonNode>();
          if (i.isObject()) {
            i.properties().forEach(e -> params.put(e.getKey(), e.getValue()));
          }
          out.add(KServeGenerative.run(rt, t.asText(), params));
        }
        yield out;
      }
    };
  }

  /** Loaded here, or for replicas outside the JVM: at least one runs. */
  static boolean ready(DeploymentRuntime rt) {
    return rt.state() instanceof DeploymentRuntime.State.Ready r
        && (!(r.engine() instanceof ReplicaEngine e) || !e.pool().snapshot().members().isEmpty());
  }
}
