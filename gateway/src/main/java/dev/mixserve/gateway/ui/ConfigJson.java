package dev.mixserve.gateway.ui;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.protocol.Json;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GET /-/config: the config this server runs (every record of it, as its fields are named) and its
 * last reload. Values under names that look secret are left out: a process's environment or an
 * engine's options may hold an API key.
 */
final class ConfigJson {
  private static final Pattern SECRET =
      Pattern.compile("(?i).*(key|token|secret|password|credential).*");

  private ConfigJson() {}

  static byte[] write(RouteTable table, ReloadLog reloads) {
    Object config = table.cluster().<Object>map(c -> c.config()).orElseGet(() -> fromRoutes(table));
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeNumberField("version", table.version());
          entry(g, "last_reload", reloads.last());
          entry(g, "last_failed_reload", reloads.lastFailure());
          g.writeFieldName("config");
          value(g, config);
          g.writeEndObject();
        });
  }

  private static Map<String, Object> fromRoutes(RouteTable table) {
    return Map.of("deployments", table.all().stream().map(rt -> rt.deployment()).toList());
  }

  private static void entry(JsonGenerator g, String field, ReloadLog.Entry e) throws IOException {
    if (e == null) {
      g.writeNullField(field);
      return;
    }
    g.writeObjectFieldStart(field);
    g.writeStringField("at", e.at().toString());
    g.writeStringField("source", e.source());
    g.writeBooleanField("ok", e.ok());
    g.writeStringField("detail", e.detail());
    g.writeEndObject();
  }

  /** Records by their components, collections and maps by their elements, the rest as text. */
  static void value(JsonGenerator g, Object v) throws IOException {
    switch (v) {
      case null -> g.writeNull();
      case Optional<?> o -> value(g, o.orElse(null));
      case Boolean b -> g.writeBoolean(b);
      case Integer i -> g.writeNumber(i);
      case Long l -> g.writeNumber(l);
      case Double d -> g.writeNumber(d);
      case Record r -> record(g, r);
      case Enum<?> e -> g.writeString(e.name().toLowerCase(java.util.Locale.ROOT));
      case java.time.Duration d ->
          g.writeString(d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms");
      case Map<?, ?> m -> map(g, m);
      case Collection<?> c -> {
        g.writeStartArray();
        for (Object o : c) {
          value(g, o);
        }
        g.writeEndArray();
      }
      default -> g.writeString(v.toString());
    }
  }

  private static void record(JsonGenerator g, Record r) throws IOException {
    g.writeStartObject();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      g.writeFieldName(snake(c.getName()));
      try {
        value(g, c.getAccessor().invoke(r));
      } catch (ReflectiveOperationException e) {
        g.writeString("?");
      }
    }
    g.writeEndObject();
  }

  private static void map(JsonGenerator g, Map<?, ?> m) throws IOException {
    g.writeStartObject();
    for (var e : new java.util.TreeMap<>(stringKeys(m)).entrySet()) {
      g.writeFieldName(e.getKey());
      if (SECRET.matcher(e.getKey()).matches()) {
        g.writeString("(hidden)");
      } else {
        value(g, e.getValue());
      }
    }
    g.writeEndObject();
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    var out = new java.util.HashMap<String, Object>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** milliGpu → milli_gpu, as the YAML spells its keys. */
  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
