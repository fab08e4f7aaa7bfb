package dev.mixserve.k8s.nodes;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.api.Vendor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Kubernetes Node tells about its GPUs.
 *
 * @param view the Node's labels and resources
 * @param vendors per vendor the Node shows at all: counted GPUs, or only NFD's presence
 */
record NodeFacts(NodeView view, Map<Vendor, VendorFacts> vendors) {
  /**
   * Set on a Node by hand ({@code kubectl label node drizzt mixserve.dev/unified=true}) for an iGPU
   * whose device id no table here knows and that no config declares.
   */
  static final String UNIFIED = "mixserve.dev/unified";

  NodeFacts {
    Objects.requireNonNull(view, "view");
    vendors = Map.copyOf(vendors);
  }

  static NodeFacts read(io.fabric8.kubernetes.api.model.Node node) {
    NodeView n = NodeView.of(node);
    var out = new EnumMap<Vendor, VendorFacts>(Vendor.class);
    NvidiaLabels.read(n).ifPresent(f -> out.put(Vendor.NVIDIA, f));
    AmdLabels.read(n).ifPresent(f -> out.put(Vendor.AMD, f));
    IntelLabels.read(n).ifPresent(f -> out.put(Vendor.INTEL, f));
    PciPresence.read(n).forEach((v, label) -> out.putIfAbsent(v, VendorFacts.present(v, label)));
    Optional<Boolean> unified = n.label(UNIFIED).map(Boolean::parseBoolean);
    unified.ifPresent(u -> out.replaceAll((v, f) -> overrideUnified(f, u)));
    return new NodeFacts(n, out);
  }

  String name() {
    return view.name();
  }

  boolean hasGpus() {
    return vendors.values().stream().anyMatch(f -> !f.gpus().isEmpty());
  }

  /**
   * The Node as a node of its own, for one the config does not declare: its GPUs, unified memory
   * estimated, and the host pinned where it differs from the name, as the worker's nodeSelector
   * pins {@code kubernetes.io/hostname} to the node's name otherwise.
   */
  Node toNode() {
    var gpus = new ArrayList<Accelerator>();
    for (VendorFacts f : vendors.values()) {
      for (Accelerator a : f.gpus()) {
        gpus.add(a.unified() && a.memoryBytes() == 0 ? withMemory(a, f.estimate()) : a);
      }
    }
    String host = view.hostname();
    var labels = host.equals(name()) ? Map.<String, String>of() : Map.of(NodeView.HOSTNAME, host);
    return new Node(name(), "", labels, gpus);
  }

  static Accelerator withMemory(Accelerator a, long bytes) {
    return new Accelerator(a.vendor(), a.model(), a.arch(), bytes, a.unified(), a.index());
  }

  private static VendorFacts overrideUnified(VendorFacts f, boolean unified) {
    var gpus =
        f.gpus().stream()
            .map(
                a ->
                    new Accelerator(
                        a.vendor(),
                        a.model(),
                        a.arch(),
                        unified ? 0 : a.memoryBytes(),
                        unified,
                        a.index()))
            .toList();
    return new VendorFacts(
        f.vendor(), f.counted(), gpus, true, f.tolerance(), f.estimate(), f.source());
  }
}
