package dev.mixserve.cli;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Task;
import dev.mixserve.config.ConfigLoader;
import java.util.ArrayList;
import java.util.Map;

/**
 * {@code serve --llm PATH|hf://…}: the chat model of /llm without a config file. The chat
 * deployment routed at /llm (else the first chat one) gets the model, on llama.cpp; a config
 * without one gets a new /llm deployment.
 */
final class LlmOverride {
  static final String ROUTE = "/llm";

  private LlmOverride() {}

  static MixserveConfig apply(MixserveConfig cfg, String model) {
    if (model == null || model.isBlank()) {
      return cfg;
    }
    var out = new ArrayList<>(cfg.deployments());
    int i = target(cfg);
    if (i < 0) {
      out.add(fresh(model));
    } else {
      out.set(i, withModel(out.get(i), model));
    }
    return cfg.withDeployments(out);
  }

  private static int target(MixserveConfig cfg) {
    var ds = cfg.deployments();
    int first = -1;
    for (int i = 0; i < ds.size(); i++) {
      if (ds.get(i).task() == Task.CHAT) {
        if (ds.get(i).route().equals(ROUTE)) {
          return i;
        }
        first = first < 0 ? i : first;
      }
    }
    return first;
  }

  // Options tuned for the configured model (threads, context) may not suit another one.
  private static Deployment withModel(Deployment d, String model) {
    var engine =
        new EngineSpec(
            "llama-cpp",
            model,
            d.engine().kind().equals("llama-cpp") ? d.engine().options() : Map.of());
    return new Deployment(
        d.name(),
        d.route(),
        d.task(),
        engine,
        d.resources(),
        d.placement(),
        d.replicas(),
        d.limits(),
        d.batching(),
        d.aliases(),
        d.modelNames());
  }

  /** The built-in /llm with this model: its names and limits, as if the config had kept it. */
  private static Deployment fresh(String model) {
    var builtIn = ConfigLoader.defaults().deployment("llm");
    if (builtIn.isPresent() && builtIn.get().route().equals(ROUTE)) {
      return withModel(builtIn.get(), model);
    }
    return new Deployment(
        "llm",
        ROUTE,
        Task.CHAT,
        new EngineSpec("llama-cpp", model, Map.of()),
        null,
        null,
        1,
        null,
        null,
        null,
        null);
  }
}
