package dev.mixserve.bench.handwritten;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mixserve.api.Task;
import dev.mixserve.api.Vendor;
import dev.mixserve.config.Quantities;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The config document bound with Jackson YAML, as a Jackson-based reader would do it: records named
 * after the keys (snake_case), unknown keys and duplicate keys refused, required keys marked, and
 * the same checks as the config module's readers in the records' constructors. Errors are formatted
 * like ConfigException: {@code file:line: path: problem}, from Jackson's location and reference
 * path.
 */
final class JacksonConfig {
  static final ObjectMapper MAPPER =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private JacksonConfig() {}

  static Doc parse(String text) {
    try {
      return MAPPER.readValue(text, Doc.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** {@code source:line: path: problem}, as close to ConfigException as Jackson's data allows. */
  static String message(String source, Throwable t) {
    Throwable e = t instanceof IllegalArgumentException && t.getCause() != null ? t.getCause() : t;
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      int line = j.getLocation() == null ? 0 : j.getLocation().getLineNr();
      String path = "";
      if (j instanceof JsonMappingException m) {
        var b = new StringBuilder();
        for (var ref : m.getPath()) {
          if (ref.getFieldName() != null) {
            if (!b.isEmpty()) {
              b.append('.');
            }
            b.append(ref.getFieldName());
          } else if (ref.getIndex() >= 0) {
            b.append('[').append(ref.getIndex()).append(']');
          }
        }
        path = b.toString();
      }
      String problem = j.getOriginalMessage();
      return source + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + problem;
    }
    return source + ": " + e;
  }

  record Doc(Server server, List<Node> nodes, List<Deployment> deployments) {}

  record Server(
      String host,
      Integer port,
      String aliasNamespace,
      Boolean defaultAliases,
      String front,
      Map<String, Object> edge,
      String nodesDownAfter,
      Map<String, Object> cors) {
    Server {
      if (port != null && (port < 0 || port > 65535)) {
        throw new IllegalArgumentException("expected a port in 0..65535, got " + port);
      }
      if (front != null && !List.of("auto", "on", "off", "true", "false").contains(front)) {
        throw new IllegalArgumentException("expected auto, on or off, got '" + front + "'");
      }
    }
  }

  record Node(
      @JsonProperty(required = true) String name,
      String address,
      Map<String, String> labels,
      List<Accelerator> accelerators) {}

  record Accelerator(
      @JsonProperty(required = true) String vendor,
      String model,
      String arch,
      String memory,
      Boolean unified,
      Integer index) {
    Accelerator {
      Vendor.parse(vendor);
      if (memory != null) {
        Quantities.bytes(memory);
      }
    }
  }

  record Deployment(
      @JsonProperty(required = true) String name,
      String route,
      @JsonProperty(required = true) String task,
      @JsonProperty(required = true) Engine engine,
      Resources resources,
      Placement placement,
      Object replicas,
      Limits limits,
      Batching batching,
      List<String> aliases,
      List<String> modelNames,
      Map<String, Object> process,
      Map<String, Object> health) {
    Deployment {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "expected a DNS label (lowercase letters, digits, '-'), got '" + name + "'");
      }
      Task.parse(task);
    }
  }

  record Engine(
      @JsonProperty(required = true) String kind, String model, Map<String, Object> options) {}

  record Resources(String gpu, String memory, String cpu) {
    Resources {
      if (gpu != null) {
        Quantities.milliGpu(gpu);
      }
      if (memory != null) {
        Quantities.bytes(memory);
      }
      if (cpu != null) {
        Quantities.milliCpu(cpu);
      }
    }
  }

  record Placement(
      String node, String vendor, String arch, Map<String, String> labels, String minMemory) {}

  record Limits(
      Integer maxOngoingRequests,
      Integer maxQueuedRequests,
      String timeout,
      String maxBody,
      Integer overloadStatus,
      String queueTimeout) {
    Limits {
      if (timeout != null) {
        Quantities.duration(timeout);
      }
      if (queueTimeout != null) {
        Quantities.duration(queueTimeout);
      }
      if (maxBody != null) {
        Quantities.bytes(maxBody);
      }
    }
  }

  record Batching(Integer maxBatchSize, String maxWait, Integer workers) {
    Batching {
      if (maxWait != null) {
        Quantities.duration(maxWait);
      }
    }
  }
}
