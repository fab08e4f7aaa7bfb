package dev.mixserve.api.engine;

import dev.mixserve.api.Task;
import java.util.Map;
import java.util.Objects;

/**
 * What a loaded engine says about itself.
 *
 * @param model the model id as loaded (file name, builtin name)
 * @param task what it does
 * @param engine the engine kind
 * @param description one honest sentence, e.g. that a reranker is a bi-encoder
 * @param details engine facts such as dimensions or max tokens
 */
public record ModelCard(
    String model, Task task, String engine, String description, Map<String, Object> details) {
  public ModelCard {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(engine, "engine");
    description = description == null ? "" : description;
    details = Map.copyOf(details == null ? Map.of() : details);
  }
}
