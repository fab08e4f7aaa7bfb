package dev.mixserve.k8s.nodes;

import static dev.mixserve.k8s.nodes.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nodes with little or nothing to say, NFD's PCI labels, and the hand-set unified label. */
class NodeFactsTest {
  @Test
  void aNodeWithoutGpuLabelsHasNoGpus() {
    var facts = NodeFacts.read(node("cpu-only").build());
    assertThat(facts.vendors()).isEmpty();
    assertThat(facts.hasGpus()).isFalse();
    assertThat(ClusterNodes.read(node("cpu-only").build()).accelerators()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "feature.node.kubernetes.io/pci-0300_10de.present, NVIDIA",
    "feature.node.kubernetes.io/pci-0302_10de.present, NVIDIA",
    "feature.node.kubernetes.io/pci-10de.present, NVIDIA",
    "feature.node.kubernetes.io/pci-0380_1002.present, AMD",
    "feature.node.kubernetes.io/pci-0300_8086.present, INTEL",
    "intel.feature.node.kubernetes.io/gpu, INTEL",
    "feature.node.kubernetes.io/amd-gpu, AMD"
  })
  void nfdShowsAVendorIsThereButNotHowMany(String label, Vendor vendor) {
    var facts = NodeFacts.read(node("x").label(label, "true").build());
    assertThat(facts.vendors()).containsOnlyKeys(vendor);
    assertThat(facts.vendors().get(vendor).counted()).isFalse();
    assertThat(facts.hasGpus()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "feature.node.kubernetes.io/pci-0b40_8086.present", // QAT, not a GPU
    "feature.node.kubernetes.io/pci-8086.present", // Intel without a class: anything
    "feature.node.kubernetes.io/pci-0200_10de.present", // a network card
    "feature.node.kubernetes.io/pci-1200_1e52.present" // Tenstorrent
  })
  void otherPciDevicesAreNoGpus(String label) {
    assertThat(NodeFacts.read(node("x").label(label, "true").build()).vendors()).isEmpty();
  }

  @Test
  void aDevicePluginWinsOverNfdPresence() {
    var n =
        node("x")
            .label("feature.node.kubernetes.io/pci-0300_10de.present", "true")
            .resource("nvidia.com/gpu", "1")
            .build();
    assertThat(NodeFacts.read(n).vendors().get(Vendor.NVIDIA).counted()).isTrue();
  }

  @Test
  void theUnifiedLabelMarksAnIgpuNoTableKnows() {
    var n =
        node("x")
            .resource("amd.com/gpu", "1")
            .resource("memory", "32Gi")
            .label("amd.com/gpu.device-id", "ffff")
            .label("amd.com/gpu.vram", "1G")
            .label(NodeFacts.UNIFIED, "true")
            .build();
    assertThat(ClusterNodes.read(n).accelerators())
        .containsExactly(new Accelerator(Vendor.AMD, "", "", 16L << 30, true, 0));
  }

  @Test
  void aNodeWhoseHostDiffersFromItsNameIsPinnedByHost() {
    var n = node("node-7").label("kubernetes.io/hostname", "node-7.lan").build();
    assertThat(ClusterNodes.read(n).labels()).containsEntry("kubernetes.io/hostname", "node-7.lan");
  }
}
