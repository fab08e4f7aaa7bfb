package dev.mixserve.k8s;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Node;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one node's worker pod holds: the replicas the plan puts there and the whole devices they
 * share (the shares themselves are enforced inside, by the engines' memory flags).
 *
 * @param node the config's node
 * @param replicas the plan's assignments on it
 * @param gpus the distinct devices those replicas use, by index
 */
record Worker(Node node, List<Assignment> replicas, List<Accelerator> gpus) {
  /** What the worker's JVM itself takes: heap, metaspace, threads, off-heap buffers. */
  static final long JVM_BYTES = 1L << 30;

  static final int JVM_MILLI_CPU = 500;

  Worker {
    replicas = List.copyOf(replicas);
    gpus = List.copyOf(gpus);
  }

  /**
   * One worker per node that the plan puts at least one replica on, in the config's order; a local
   * node's replicas are the head's own.
   */
  static List<Worker> of(MixserveConfig config, Plan plan) {
    var out = new ArrayList<Worker>();
    for (Node node : config.nodes()) {
      if (Names.isLocal(node)) {
        continue;
      }
      var here = plan.assignments().stream().filter(a -> a.node().equals(node.name())).toList();
      if (here.isEmpty()) {
        continue;
      }
      var gpus = new TreeMap<Integer, Accelerator>();
      for (Assignment a : here) {
        if (a.target() instanceof Target.Gpu g) {
          gpus.put(g.accelerator().index(), g.accelerator());
        }
      }
      out.add(new Worker(node, here, List.copyOf(gpus.values())));
    }
    return out;
  }

  /**
   * Host memory: the JVM plus each replica's memory budget. On unified-memory iGPUs that budget is
   * host RAM the GPU maps; on discrete GPUs the engines stage weights through host memory about the
   * size of what they load, so the budget is also a fair bound for the host side.
   */
  long memoryBytes(MixserveConfig config) {
    long sum = JVM_BYTES;
    for (Assignment a : replicas) {
      sum +=
          a.target() instanceof Target.Gpu
              ? a.memoryBytes()
              : config.deployment(a.deployment()).orElseThrow().resources().memoryBytes();
    }
    return sum;
  }

  /** CPU the replicas declared, plus the JVM's. */
  int milliCpu(MixserveConfig config) {
    int sum = JVM_MILLI_CPU;
    for (Assignment a : replicas) {
      sum += config.deployment(a.deployment()).orElseThrow().resources().milliCpu();
    }
    return sum;
  }

  /** Whole devices per device-plugin resource, e.g. {@code amd.com/gpu: 1}. */
  Map<String, Integer> pluginResources() {
    var out = new TreeMap<String, Integer>();
    for (Accelerator g : gpus) {
      out.merge(Devices.pluginResource(g), 1, Integer::sum);
    }
    return out;
  }

  /** The deployments this worker serves, each once, in plan order. */
  List<String> deployments() {
    return replicas.stream().map(Assignment::deployment).distinct().toList();
  }
}
