package dev.mixserve.gateway.ui;

import dev.mixserve.protocol.Json;
import java.util.List;

/** The "hello" event: every kept sample's rates, oldest first, for the charts' first draw. */
final class HistoryJson {
  private HistoryJson() {}

  static byte[] write(List<StatsWindow.Sample> samples) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("history");
          for (var s : samples) {
            g.writeStartObject();
            g.writeNumberField("t", s.epochMillis());
            g.writeObjectFieldStart("deployments");
            for (var e : s.rates().entrySet()) {
              g.writeObjectFieldStart(e.getKey());
              StatusJson.rates(g, e.getValue());
              g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
