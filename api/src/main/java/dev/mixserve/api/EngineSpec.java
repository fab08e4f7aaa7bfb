package dev.mixserve.api;

import java.util.Map;
import java.util.Objects;

/**
 * Which engine serves a deployment and with what model.
 *
 * @param kind engine kind as its factory names it, e.g. "onnx-bert", "echo"
 * @param model path, hf:// URI or builtin: name; engine-specific
 * @param options engine-specific settings, validated by the engine's factory
 */
public record EngineSpec(String kind, String model, Map<String, Object> options) {
  public EngineSpec {
    Objects.requireNonNull(kind, "kind");
    model = model == null ? "" : model;
    options = Map.copyOf(options == null ? Map.of() : options);
  }
}
