package dev.mixserve.k8s.nodes;

import static dev.mixserve.k8s.nodes.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import dev.mixserve.k8s.nodes.NodeFinding.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's four nodes merged with Nodes that agree, disagree, are missing or are extra. */
class ClusterNodesTest {
  static final List<dev.mixserve.api.Node> DECLARED = Seed.HOMELAB.nodes();

  /** What the scheduler cares about; models differ in spelling ("RTX 2070", nvidia-smi's). */
  static List<String> facts(List<dev.mixserve.api.Node> nodes) {
    var out = new ArrayList<String>();
    for (var n : nodes) {
      for (Accelerator a : n.accelerators()) {
        out.add(
            String.join(
                " ",
                n.name(),
                a.vendor().id(),
                a.arch(),
                String.valueOf(a.memoryBytes()),
                String.valueOf(a.unified()),
                String.valueOf(a.index())));
      }
    }
    return out;
  }

  @Test
  void agreeingNodesChangeNothingAndReportNothing() {
    var merged = ClusterNodes.merge(DECLARED, Seed.agreeing());
    assertThat(merged.findings()).isEmpty();
    assertThat(facts(merged.nodes())).isEqualTo(facts(DECLARED));
    assertThat(merged.nodes())
        .extracting(n -> n.labels())
        .containsOnly(java.util.Map.of("site", "homelab"));
    assertThat(merged.nodes().get(1).accelerators().getFirst().model())
        .isEqualTo("NVIDIA GeForce RTX 2070");
  }

  @Test
  void aDisagreeingNodeWinsAndTheStatusSaysWhere() {
    var cluster =
        List.of(
            Seed.khelben().build(),
            Seed.elminster3060().build(),
            Seed.drizzt().build(),
            Seed.danilo().build());
    var merged = ClusterNodes.merge(DECLARED, cluster);
    assertThat(merged.nodes().get(1).accelerators())
        .containsExactly(
            new Accelerator(
                Vendor.NVIDIA, "NVIDIA GeForce RTX 3060", "sm_86", 12L << 30, false, 0));
    assertThat(merged.findings()).allMatch(f -> f.kind() == Kind.DISAGREES);
    assertThat(merged.about("elminster"))
        .extracting(NodeFinding::toString)
        .containsExactly(
            "elminster: nvidia sm_86 #0: declared 8 GiB, detected 12 GiB; using detected",
            "elminster: nvidia sm_86 #0: declared arch sm_75, detected sm_86; using detected",
            "elminster: nvidia sm_86 #0: declared model 'RTX 2070', detected"
                + " 'NVIDIA GeForce RTX 3060'; using detected");
    assertThat(merged.findings()).extracting(NodeFinding::reason).containsOnly("GpuMismatch");
  }

  @Test
  void aDeclaredNodeWithoutANodeIsKeptAndReported() {
    var merged = ClusterNodes.merge(DECLARED, Seed.agreeing().subList(0, 3));
    assertThat(merged.nodes()).hasSize(4);
    assertThat(merged.nodes().get(3)).isEqualTo(DECLARED.get(3));
    assertThat(merged.findings())
        .extracting(NodeFinding::toString, NodeFinding::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "danilo: no Node danilo in the cluster; planning with the declared accelerators",
                "NodeNotFound"));
  }

  @Test
  void aNodeWithGpusTheConfigDoesNotDeclareIsAddedLast() {
    var cluster = new ArrayList<>(Seed.agreeing());
    cluster.add(node("zz-cpu").build());
    cluster.add(node("mirt").resource("nvidia.com/gpu", "1").labels(Nodes.rtx2070()).build());
    var merged = ClusterNodes.merge(DECLARED, cluster);
    assertThat(merged.nodes())
        .extracting(n -> n.name())
        .containsExactly("khelben", "elminster", "drizzt", "danilo", "mirt");
    assertThat(merged.findings())
        .extracting(NodeFinding::toString)
        .containsExactly(
            "mirt: a Node with GPUs the config does not declare (NVIDIA GeForce RTX 2070 8 GiB);"
                + " adding it to the plan");
  }

  @Test
  void aNodeWithNoGpuLabelsKeepsTheDeclaredGpus() {
    var cluster = new ArrayList<>(Seed.agreeing());
    cluster.set(1, node("elminster").label("site", "homelab").build());
    var merged = ClusterNodes.merge(DECLARED, cluster);
    assertThat(merged.nodes().get(1)).isEqualTo(DECLARED.get(1));
    assertThat(merged.findings())
        .extracting(NodeFinding::kind, NodeFinding::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Kind.NO_GPU_FACTS,
                "the Node shows no nvidia GPU resource or labels; keeping the declared ones"));
  }

  @Test
  void nfdPresenceAloneKeepsTheDeclaredGpusAndAsksForThePlugin() {
    var cluster = new ArrayList<>(Seed.agreeing());
    cluster.set(
        1,
        node("elminster")
            .label("site", "homelab")
            .label("feature.node.kubernetes.io/pci-0300_10de.present", "true")
            .build());
    var merged = ClusterNodes.merge(DECLARED, cluster);
    assertThat(merged.nodes().get(1)).isEqualTo(DECLARED.get(1));
    assertThat(merged.findings().getFirst().message()).contains("no device plugin?");
  }

  @Test
  void aZeroResourceDropsTheGpu() {
    var cluster = new ArrayList<>(Seed.agreeing());
    cluster.set(0, Seed.khelben().resource("amd.com/gpu", "0").build());
    var merged = ClusterNodes.merge(DECLARED, cluster);
    assertThat(merged.nodes().getFirst().accelerators()).isEmpty();
    assertThat(merged.findings())
        .extracting(NodeFinding::toString)
        .containsExactly("khelben: amd gfx1151 #0: declared but not detected; dropping it");
  }
}
