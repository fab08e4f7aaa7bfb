package dev.mixserve.protocol.openai;

import dev.mixserve.protocol.Json;
import java.util.List;
import java.util.Map;

/** GET /v1/models, with mixserve's own facts beside OpenAI's fields. */
public final class ModelList {
  /**
   * One entry.
   *
   * @param id the name clients send as "model"
   * @param ready whether requests are served now
   * @param status why not, when not ready
   */
  public record Entry(
      String id,
      String task,
      String engine,
      String model,
      String route,
      String description,
      boolean ready,
      String status,
      Map<String, Object> details) {}

  private ModelList() {}

  public static byte[] write(List<Entry> entries, long created) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("object", "list");
          g.writeArrayFieldStart("data");
          for (Entry e : entries) {
            g.writeStartObject();
            g.writeStringField("id", e.id());
            g.writeStringField("object", "model");
            g.writeNumberField("created", created);
            g.writeStringField("owned_by", "mixserve");
            g.writeStringField("task", e.task());
            g.writeStringField("engine", e.engine());
            g.writeStringField("model", e.model());
            g.writeStringField("route", e.route());
            g.writeStringField("description", e.description());
            g.writeBooleanField("ready", e.ready());
            g.writeStringField("status", e.status());
            g.writeObjectField("details", e.details());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
