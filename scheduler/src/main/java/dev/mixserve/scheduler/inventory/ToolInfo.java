package dev.mixserve.scheduler.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a vendor tool says about one GPU, matched to its sysfs card by PCI address when the tool
 * gives one, else by position.
 *
 * @param slot PCI address, "" when the tool does not say
 * @param name marketing name, "" when unknown
 * @param arch gfx target, "" when unknown
 * @param memoryBytes memory, 0 when unknown
 */
record ToolInfo(String slot, String name, String arch, long memoryBytes) {
  static final ObjectMapper JSON = new ObjectMapper();

  static Optional<ToolInfo> match(List<ToolInfo> infos, DrmCard card, int position) {
    return infos.stream()
        .filter(i -> i.slot().equalsIgnoreCase(card.slot()))
        .findFirst()
        .or(
            () ->
                position < infos.size() && infos.get(position).slot().isEmpty()
                    ? Optional.of(infos.get(position))
                    : Optional.empty());
  }

  /** amd-smi static --asic --bus --json: a list, or {"gpu_data": [...]} in newer releases. */
  static List<ToolInfo> amdSmi(String json) {
    JsonNode root = tree(json);
    JsonNode list = root.has("gpu_data") ? root.get("gpu_data") : root;
    var out = new ArrayList<ToolInfo>();
    for (JsonNode gpu : list) {
      JsonNode asic = gpu.path("asic");
      out.add(
          new ToolInfo(
              gpu.path("bus").path("bdf").asText(""),
              asic.path("market_name").asText(""),
              asic.path("target_graphics_version").asText(""),
              0));
    }
    return out;
  }

  /** rocm-smi --showproductname --json: {"card0": {"Card Series": ..., "GFX Version": ...}}. */
  static List<ToolInfo> rocmSmi(String json) {
    JsonNode root = tree(json);
    var keys = new ArrayList<String>();
    root.fieldNames()
        .forEachRemaining(
            k -> {
              if (k.matches("card\\d+")) keys.add(k);
            });
    keys.sort(Comparator.comparingInt(k -> Integer.parseInt(k.substring(4))));
    return keys.stream()
        .map(k -> root.get(k))
        .map(
            c ->
                new ToolInfo(
                    "",
                    c.path("Card Series").asText(c.path("Card series").asText("")),
                    c.path("GFX Version").asText(""),
                    0))
        .toList();
  }

  /** xpu-smi discovery --json: {"device_list": [{"device_id", "device_name", ...}]}. */
  static List<ToolInfo> xpuSmi(String json, java.util.function.IntFunction<Long> memory) {
    var out = new ArrayList<ToolInfo>();
    for (JsonNode d : tree(json).path("device_list")) {
      out.add(
          new ToolInfo(
              d.path("pci_bdf_address").asText(""),
              d.path("device_name").asText(""),
              "",
              memory.apply(d.path("device_id").asInt())));
    }
    return out;
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      return JSON.createObjectNode(); // a tool that printed a warning instead of JSON
    }
  }
}
