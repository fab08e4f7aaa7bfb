package dev.mixserve.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The config the head and the workers read from the ConfigMap: the user's file as written, with
 * each node's {@code address} set to its worker's Service, so that one file is the truth for both
 * roles. The file is rewritten as a tree, not re-rendered from the parsed config, so that the
 * defaults the user left out stay out; comments are lost.
 */
final class ConfigText {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  private ConfigText() {}

  static String withAddresses(String text, String namespace) {
    try {
      JsonNode root = YAML.readTree(text);
      if (root == null || root.isMissingNode()) {
        return text;
      }
      if (root.get("nodes") instanceof com.fasterxml.jackson.databind.node.ArrayNode nodes) {
        for (int i = 0; i < nodes.size(); i++) {
          if (nodes.get(i) instanceof ObjectNode node && node.hasNonNull("name") && !local(node)) {
            String name = node.get("name").asText();
            nodes.set(i, withAddress(node, Names.workerAddress(name, namespace)));
          }
        }
      }
      return "# Written by `mixserve render k8s`: every node's address is its worker's Service.\n"
          + YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean local(ObjectNode node) {
    String address = node.hasNonNull("address") ? node.get("address").asText() : "";
    return Names.isLocal(new dev.mixserve.api.Node(node.get("name").asText(), address, null, null));
  }

  /** The same mapping with {@code address} right after {@code name}, where a reader looks. */
  private static ObjectNode withAddress(ObjectNode node, String address) {
    var out = YAML.createObjectNode();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getKey().equals("address")) {
        out.set(e.getKey(), e.getValue());
      }
      if (e.getKey().equals("name")) {
        out.put("address", address);
      }
    }
    return out;
  }
}
