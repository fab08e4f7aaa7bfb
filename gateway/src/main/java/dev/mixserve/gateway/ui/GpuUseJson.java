package dev.mixserve.gateway.ui;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.api.Vendor;
import dev.mixserve.gateway.cluster.ClusterView;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.scheduler.inventory.MemoryUse;
import java.io.IOException;
import java.util.List;

/**
 * The "gpus" of the status event: every GPU of the cluster with the memory measured in use on it,
 * null where unknown. Only the node this server runs on is measured; a worker's GPUs stay unknown
 * here (its own dashboard shows them), since the head does not ask workers for their figures.
 */
final class GpuUseJson {
  private GpuUseJson() {}

  /** The GPUs of the node this server runs on, which it can measure. */
  static List<Accelerator> local(RouteTable table) {
    return table
        .cluster()
        .map(v -> localNode(v).map(Node::accelerators).orElse(List.of()))
        .orElse(List.of());
  }

  static void write(JsonGenerator g, RouteTable table, List<MemoryUse> measured)
      throws IOException {
    g.writeArrayFieldStart("gpus");
    if (table.cluster().isPresent()) {
      ClusterView view = table.cluster().get();
      for (Node n : view.config().nodes()) {
        boolean here = n.name().equals(view.localNode());
        for (Accelerator a : n.accelerators()) {
          if (a.vendor() != Vendor.CPU) {
            gpu(g, n, a, here ? find(measured, a) : null);
          }
        }
      }
    }
    g.writeEndArray();
  }

  private static void gpu(JsonGenerator g, Node n, Accelerator a, MemoryUse use)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("node", n.name());
    g.writeStringField("vendor", a.vendor().id());
    g.writeNumberField("index", a.index());
    if (use == null) {
      g.writeNullField("used_bytes");
      g.writeNullField("total_bytes");
    } else {
      g.writeNumberField("used_bytes", use.usedBytes());
      g.writeNumberField("total_bytes", use.totalBytes());
    }
    g.writeEndObject();
  }

  private static java.util.Optional<Node> localNode(ClusterView v) {
    return v.config().nodes().stream().filter(n -> n.name().equals(v.localNode())).findFirst();
  }

  private static MemoryUse find(List<MemoryUse> measured, Accelerator a) {
    return measured.stream()
        .filter(m -> m.vendor() == a.vendor() && m.index() == a.index())
        .findFirst()
        .orElse(null);
  }
}
