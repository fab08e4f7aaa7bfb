package dev.mixserve.k8s.nodes;

import static dev.mixserve.k8s.nodes.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intel's NFD rules and GPU plugin, with labels from intel-device-plugins-for-kubernetes. */
class IntelLabelsTest {
  @Test
  void anArcA770WithTheMemoryItsDriverReports() {
    var n =
        node("danilo")
            .resource("gpu.intel.com/i915", "1")
            .labels(Nodes.arcA770())
            .label("gpu.intel.com/memory.max", "16225243136")
            .build();
    assertThat(ClusterNodes.read(n).accelerators())
        .containsExactly(
            new Accelerator(Vendor.INTEL, "Arc A770", "xe-hpg", 16225243136L, false, 0));
  }

  @Test
  void sharedDevNumInflatesTheResourceNotTheCount() {
    var n = node("danilo").resource("gpu.intel.com/i915", "10").labels(Nodes.arcA770()).build();
    assertThat(ClusterNodes.read(n).accelerators()).hasSize(1);
  }

  @Test
  void anIgpuAndACardCountTwoTheIgpuFirstAndUnified() {
    // the NFD count rule names the first device's id and counts every class-0300 device
    var n =
        node("desk")
            .resource("gpu.intel.com/i915", "2")
            .resource("memory", "32Gi")
            .labels(
                Map.of(
                    "gpu.intel.com/device-id.0300-56a0.present", "true",
                    "gpu.intel.com/device-id.0300-7d55.present", "true",
                    "gpu.intel.com/device-id.0300-7d55.count", "2",
                    "gpu.intel.com/memory.max", String.valueOf(16L << 30),
                    "gpu.intel.com/millicores", "2000"))
            .build();
    assertThat(ClusterNodes.read(n).accelerators())
        .containsExactly(
            new Accelerator(
                Vendor.INTEL, "Arc Graphics (Meteor Lake)", "xe-lpg", 16L << 30, true, 0),
            new Accelerator(Vendor.INTEL, "Arc A770", "xe-hpg", 0, false, 1));
  }

  @Test
  void aFlex170ByTheDataCenterRulesProductLabel() {
    var n =
        node("flex")
            .resource("gpu.intel.com/i915", "1")
            .labels(
                Map.of(
                    "gpu.intel.com/device-id.0380-56c0.count", "1",
                    "gpu.intel.com/device-id.0380-56c0.present", "true",
                    "gpu.intel.com/device.count", "1",
                    "gpu.intel.com/family", "Flex_Series",
                    "gpu.intel.com/product", "Flex_170"))
            .build();
    assertThat(ClusterNodes.read(n).accelerators())
        .containsExactly(new Accelerator(Vendor.INTEL, "Flex 170", "", 0, false, 0));
  }

  @Test
  void thePluginsResourceAloneCountsButTellsNothingElse() {
    var n = node("x").resource("gpu.intel.com/xe", "1").build();
    var facts = NodeFacts.read(n).vendors().get(Vendor.INTEL);
    assertThat(facts.unifiedKnown()).isFalse();
    assertThat(facts.gpus()).containsExactly(new Accelerator(Vendor.INTEL, "", "", 0, false, 0));
  }
}
