package dev.mixserve.scheduler.inventory;

import dev.mixserve.api.Accelerator;
import dev.mixserve.scheduler.Bytes;
import java.util.List;
import java.util.Locale;

/** One declared accelerator against its detected twin: report each difference, keep detection. */
final class AcceleratorDiff {
  private AcceleratorDiff() {}

  static Accelerator merge(
      String node, Accelerator declared, Accelerator detected, List<Finding> out) {
    String who = InventoryMerge.name(detected) + ": ";
    long memory = detected.memoryBytes();
    if (memory == 0) {
      memory = declared.memoryBytes();
    } else if (declared.memoryBytes() != 0 && declared.memoryBytes() != memory) {
      out.add(
          new Finding(
              node,
              who
                  + "declared "
                  + Bytes.human(declared.memoryBytes())
                  + ", detected "
                  + Bytes.human(memory)
                  + "; using detected"));
    }
    String arch = detected.arch().isEmpty() ? declared.arch() : detected.arch();
    if (!declared.arch().isEmpty() && !detected.arch().isEmpty() && !declared.arch().equals(arch)) {
      out.add(
          new Finding(
              node,
              who
                  + "declared arch "
                  + declared.arch()
                  + ", detected "
                  + arch
                  + "; using detected"));
    }
    String model = detected.model().isEmpty() ? declared.model() : detected.model();
    if (!sameModel(declared.model(), detected.model())) {
      out.add(
          new Finding(
              node,
              who
                  + "declared model '"
                  + declared.model()
                  + "', detected '"
                  + detected.model()
                  + "'; using detected"));
    }
    if (declared.unified() != detected.unified()) {
      out.add(
          new Finding(
              node,
              who
                  + "declared unified="
                  + declared.unified()
                  + ", detected "
                  + detected.unified()
                  + "; using detected"));
    }
    return new Accelerator(
        detected.vendor(), model, arch, memory, detected.unified(), detected.index());
  }

  /** Marketing names vary ("RTX 2070" vs "NVIDIA GeForce RTX 2070"); only report real conflicts. */
  private static boolean sameModel(String declared, String detected) {
    String a = declared.toLowerCase(Locale.ROOT);
    String b = detected.toLowerCase(Locale.ROOT);
    return a.isEmpty() || b.isEmpty() || a.contains(b) || b.contains(a);
  }
}
