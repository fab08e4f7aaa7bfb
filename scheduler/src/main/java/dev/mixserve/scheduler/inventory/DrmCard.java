package dev.mixserve.scheduler.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One GPU as /sys/class/drm/cardN/device shows it; uevent gives driver, PCI id and slot in one
 * read. Render nodes and connectors (card0-DP-1) are skipped.
 *
 * @param dir the card's device directory
 * @param driver amdgpu, i915, xe, nvidia
 * @param pciId "1002:1586"
 * @param slot PCI address "0000:c5:00.0", the order runtimes number devices in
 */
record DrmCard(Path dir, String driver, String pciId, String slot) {
  static final Path DRM = Path.of("/sys/class/drm");

  static List<DrmCard> scan(SystemProbe probe) {
    var out = new ArrayList<DrmCard>();
    for (Path card : probe.list(DRM)) {
      String name = card.getFileName().toString();
      if (!name.matches("card\\d+")) {
        continue;
      }
      Path dev = card.resolve("device");
      probe.read(dev.resolve("uevent")).map(u -> parse(dev, u)).ifPresent(out::add);
    }
    out.sort(java.util.Comparator.comparing(DrmCard::slot));
    return out;
  }

  static DrmCard parse(Path dir, String uevent) {
    String driver = "", id = "", slot = "";
    for (String line : uevent.split("\\R")) {
      int eq = line.indexOf('=');
      String value = eq < 0 ? "" : line.substring(eq + 1).strip();
      switch (eq < 0 ? "" : line.substring(0, eq)) {
        case "DRIVER" -> driver = value;
        case "PCI_ID" -> id = value.toLowerCase(Locale.ROOT);
        case "PCI_SLOT_NAME" -> slot = value;
        default -> {}
      }
    }
    return new DrmCard(dir, driver, id, slot);
  }

  long number(SystemProbe probe, String file) {
    return read(probe, file).orElse(0L);
  }

  /** A counter file of the device; empty when it is missing or holds no number. */
  java.util.Optional<Long> read(SystemProbe probe, String file) {
    return probe
        .read(dir.resolve(file))
        .map(String::strip)
        .filter(s -> s.matches("\\d+"))
        .map(Long::parseLong);
  }
}
