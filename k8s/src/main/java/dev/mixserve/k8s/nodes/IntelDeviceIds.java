package dev.mixserve.k8s.nodes;

import dev.mixserve.scheduler.inventory.PciIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The PCI device id of each Intel GPU, from the NFD rules in intel-device-plugins-for-kubernetes
 * (platform-labeling-rules.yaml): {@code gpu.intel.com/device-id.CLASS-ID.present=true} for every
 * device id, and one {@code gpu.intel.com/device-id.CLASS-ID.count=N} per class that counts all the
 * class's devices but names only the first one's id. So a desktop with an Alder Lake iGPU and an
 * Arc A770 reads {@code 0300-4680.present}, {@code 0300-56a0.present}, {@code 0300-4680.count=2}.
 */
final class IntelDeviceIds {
  private static final Pattern KEY =
      Pattern.compile("(03[0-9a-f]{2})-([0-9a-f]{4})\\.(count|present)");

  private IntelDeviceIds() {}

  /**
   * One entry per GPU: its device id, or "" where the class counts more GPUs than ids and it cannot
   * be told which id repeats. Integrated GPUs first: an iGPU sits at 0000:00:02.0, before any
   * card's bus, and Level Zero numbers devices in PCI order.
   */
  static List<String> perGpu(NodeView n) {
    var ids = new TreeMap<String, TreeSet<String>>();
    var counts = new TreeMap<String, Long>();
    for (Map.Entry<String, String> e : n.under("gpu.intel.com/device-id.").entrySet()) {
      var m = KEY.matcher(e.getKey());
      if (!m.matches()) {
        continue;
      }
      ids.computeIfAbsent(m.group(1), c -> new TreeSet<>()).add(m.group(2));
      if (m.group(3).equals("count")) {
        NodeView.parse(e.getValue()).ifPresent(c -> counts.merge(m.group(1), c, Math::max));
      }
    }
    var out = new ArrayList<String>();
    ids.forEach(
        (cls, set) -> {
          long count = Math.min(VendorFacts.MAX_GPUS, counts.getOrDefault(cls, 0L));
          long extra = Math.max(0, count - set.size());
          for (String id : set) {
            out.add(id);
            for (long i = 0; set.size() == 1 && i < extra; i++) {
              out.add(id); // one id, several devices: all of them are that id
            }
          }
          for (long i = 0; set.size() > 1 && i < extra; i++) {
            out.add("");
          }
        });
    out.sort(Comparator.comparing(id -> !integrated(id)));
    return out;
  }

  static boolean integrated(String id) {
    return PciIds.lookup("8086:" + id).map(PciIds.Known::integrated).orElse(false);
  }
}
