package dev.mixserve.k8s.nodes;

import static dev.mixserve.k8s.nodes.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.k8s.nodes.NodeFinding.Kind;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Bytes;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import dev.mixserve.scheduler.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #18: "a Node's GPU labels change: the plan and the status follow". */
class LabelChangeTest {
  static final List<dev.mixserve.api.Node> DECLARED = Seed.HOMELAB.nodes();

  static Plan plan(List<dev.mixserve.api.Node> nodes) {
    return Scheduler.plan(nodes, Seed.HOMELAB.deployments(), List.of(), ScheduleOptions.DEFAULT);
  }

  /** Where each replica goes, by device rather than by the model's spelling. */
  static List<String> where(Plan p) {
    return p.assignments().stream()
        .map(
            a ->
                switch (a.target()) {
                  case Target.Gpu g ->
                      a.deployment()
                          + "@"
                          + a.node()
                          + " "
                          + Bytes.kind(g.accelerator())
                          + " #"
                          + g.accelerator().index()
                          + " "
                          + g.milliGpu()
                          + " "
                          + g.memoryBytes();
                  case Target.Cpu c -> a.deployment() + "@" + a.node() + " cpu";
                })
        .toList();
  }

  @Test
  void theSchedulerPlacesTheSeedTheSameOnAgreeingNodes() {
    Plan declared = plan(DECLARED);
    Plan cluster = plan(ClusterNodes.merge(DECLARED, Seed.agreeing()).nodes());
    assertThat(declared.refusals()).isEmpty();
    assertThat(cluster.refusals()).isEmpty();
    assertThat(where(cluster)).isEqualTo(where(declared));
    assertThat(cluster.assignments())
        .extracting(Assignment::node)
        .containsExactly("khelben", "elminster", "elminster", "drizzt", "danilo");
  }

  @Test
  void aLabelChangeChangesTheInventoryThePlanAndTheStatus() {
    var before = ClusterNodes.merge(DECLARED, Seed.agreeing());
    var cluster = new ArrayList<>(Seed.agreeing());
    // the device plugin on khelben loses its GPU: allocatable amd.com/gpu drops to 0
    cluster.set(0, Seed.khelben().resource("amd.com/gpu", "0").build());
    var after = ClusterNodes.merge(DECLARED, cluster);
    assertThat(before.findings()).isEmpty();
    assertThat(after.findings()).extracting(NodeFinding::node).containsExactly("khelben");
    assertThat(plan(before.nodes()).refusals()).isEmpty();
    assertThat(plan(after.nodes()).refusals())
        .extracting(r -> r.deployment())
        .containsExactly("llm");
    // and back: the finding goes, the plan returns
    var again = ClusterNodes.merge(DECLARED, Seed.agreeing());
    assertThat(again).isEqualTo(before);
  }

  @Test
  void aSmallerGpuInTheLabelsMovesTheMemoryThePlanSees() {
    var cluster = new ArrayList<>(Seed.agreeing());
    cluster.set(1, Seed.elminster().label("nvidia.com/gpu.memory", "4096").build());
    var merged = ClusterNodes.merge(DECLARED, cluster);
    Accelerator gpu = merged.nodes().get(1).accelerators().getFirst();
    assertThat(gpu.memoryBytes()).isEqualTo(4L << 30);
    assertThat(merged.about("elminster"))
        .extracting(NodeFinding::message)
        .containsExactly("nvidia sm_75 #0: declared 8 GiB, detected 4 GiB; using detected");
  }

  @Test
  void aNodeMatchesByTheHostnameLabelAndTheWorkersSelectorIsChecked() {
    var cluster = new ArrayList<>(Seed.agreeing());
    cluster.set(
        1, Seed.elminster().label("kubernetes.io/hostname", "elminster").unlabel("site").build());
    var renamed = node("elminster-k8s").labels(cluster.get(1).getMetadata().getLabels());
    cluster.set(1, renamed.resource("nvidia.com/gpu", "1").build());
    var merged = ClusterNodes.merge(DECLARED, cluster);
    assertThat(merged.nodes()).hasSize(4);
    assertThat(merged.findings())
        .extracting(NodeFinding::kind, NodeFinding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Kind.LABEL_MISSING,
                "Node elminster-k8s has no label site, the worker selects site=homelab"));
  }

  @Test
  void anUndeclaredUnifiedMemoryIsEstimatedAndSaidSo() {
    var declared = new ArrayList<>(DECLARED);
    var drizzt = DECLARED.get(2);
    var bare = drizzt.accelerators().getFirst();
    declared.set(
        2,
        new dev.mixserve.api.Node(
            drizzt.name(),
            drizzt.address(),
            drizzt.labels(),
            List.of(NodeFacts.withMemory(bare, 0))));
    var merged = ClusterNodes.merge(declared, Seed.agreeing());
    assertThat(merged.nodes().get(2).accelerators().getFirst().memoryBytes()).isEqualTo(12L << 30);
    assertThat(merged.findings())
        .extracting(NodeFinding::kind, NodeFinding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Kind.ESTIMATED,
                "amd gfx1035 #0: unified memory not declared; estimated 12 GiB from the Node;"
                    + " declare it to be exact"));
  }
}
