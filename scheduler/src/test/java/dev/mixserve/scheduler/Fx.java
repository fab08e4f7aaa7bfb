package dev.mixserve.scheduler;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Node;
import dev.mixserve.api.Placement;
import dev.mixserve.api.Resources;
import dev.mixserve.api.Task;
import dev.mixserve.api.Vendor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Short builders for scheduler tests. */
final class Fx {
  static final long GIB = 1L << 30;

  private Fx() {}

  static Accelerator gpu(Vendor v, String arch, long gib, int index) {
    return new Accelerator(v, arch.toUpperCase(), arch, gib * GIB, false, index);
  }

  static Accelerator apu(String arch, long gib) {
    return new Accelerator(Vendor.AMD, arch, arch, gib * GIB, true, 0);
  }

  static Node node(String name, Accelerator... accelerators) {
    return new Node(name, "", Map.of(), List.of(accelerators));
  }

  static Node node(String name, Map<String, String> labels, Accelerator... accelerators) {
    return new Node(name, "", labels, List.of(accelerators));
  }

  static Deployment dep(String name, int milli, int replicas) {
    return dep(name, milli, 0, Placement.ANY, replicas);
  }

  static Deployment dep(String name, int milli, long memory, Placement p, int replicas) {
    return new Deployment(
        name,
        "/" + name,
        Task.EMBEDDING,
        new EngineSpec("echo", "", Map.of()),
        new Resources(milli, memory, 0),
        p,
        replicas,
        null,
        null,
        null,
        null);
  }

  static Placement onNode(String node) {
    return new Placement(Optional.of(node), Optional.empty(), Optional.empty(), Map.of(), 0);
  }

  static Placement onVendor(Vendor v) {
    return new Placement(Optional.empty(), Optional.of(v), Optional.empty(), Map.of(), 0);
  }

  static Placement onArch(String arch) {
    return new Placement(Optional.empty(), Optional.empty(), Optional.of(arch), Map.of(), 0);
  }

  static Placement withLabel(String k, String v) {
    return new Placement(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(k, v), 0);
  }

  static Placement minMemory(long gib) {
    return new Placement(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), gib * GIB);
  }

  static Plan plan(List<Node> nodes, List<Deployment> deps) {
    return Scheduler.plan(nodes, deps, List.of(), ScheduleOptions.DEFAULT);
  }

  /** "node/vendor#index", "node/cpu" or "refused" for each replica, in replica order. */
  static String where(Plan plan, String deployment, int replica) {
    return plan.find(deployment, replica)
        .map(
            a ->
                a.node()
                    + switch (a.target()) {
                      case Target.Gpu g ->
                          "/" + g.accelerator().vendor().id() + "#" + g.accelerator().index();
                      case Target.Cpu c -> "/cpu";
                    })
        .orElse("refused");
  }
}
