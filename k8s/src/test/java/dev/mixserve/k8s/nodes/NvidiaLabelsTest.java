package dev.mixserve.k8s.nodes;

import static dev.mixserve.k8s.nodes.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GPU Feature Discovery and the device plugin's resource, with label sets from NVIDIA's docs. */
class NvidiaLabelsTest {
  @Test
  void anA100NodeOfEightGpusFromGfdLabels() {
    // labels of an Azure NDm A100 v4 node in NVIDIA's GPU operator docs
    var n =
        node("ndm-a100")
            .resource("nvidia.com/gpu", "8")
            .labels(
                Map.of(
                    "nvidia.com/gpu.compute.major", "8",
                    "nvidia.com/gpu.compute.minor", "0",
                    "nvidia.com/gpu.count", "8",
                    "nvidia.com/gpu.family", "ampere",
                    "nvidia.com/gpu.machine", "Virtual-Machine",
                    "nvidia.com/gpu.memory", "81920",
                    "nvidia.com/gpu.present", "true",
                    "nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB"))
            .build();
    var gpus = ClusterNodes.read(n).accelerators();
    assertThat(gpus).hasSize(8);
    assertThat(gpus.getFirst())
        .isEqualTo(
            new Accelerator(Vendor.NVIDIA, "NVIDIA A100 SXM4 80GB", "sm_80", 80L << 30, false, 0));
    assertThat(gpus).extracting(Accelerator::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void timeSlicingReplicasCountOneGpuNotFour() {
    // time-slicing: the resource is GPUs × replicas and the product gains "-SHARED"
    var n =
        node("elminster")
            .resource("nvidia.com/gpu", "4")
            .labels(Nodes.rtx2070())
            .label("nvidia.com/gpu.replicas", "4")
            .label("nvidia.com/gpu.product", "NVIDIA-GeForce-RTX-2070-SHARED")
            .build();
    assertThat(ClusterNodes.read(n).accelerators())
        .containsExactly(
            new Accelerator(Vendor.NVIDIA, "NVIDIA GeForce RTX 2070", "sm_75", 8L << 30, false, 0));
  }

  @Test
  void theResourceCountsWhatPodsCanGetTheLabelOnlyWithoutIt() {
    var unhealthy = node("x").resource("nvidia.com/gpu", "1").labels(Nodes.rtx2070());
    unhealthy.label("nvidia.com/gpu.count", "2");
    assertThat(ClusterNodes.read(unhealthy.build()).accelerators()).hasSize(1);
    var dra = node("x").labels(Nodes.rtx2070()).label("nvidia.com/gpu.count", "2").build();
    assertThat(ClusterNodes.read(dra).accelerators()).hasSize(2);
  }

  @Test
  void aGb10IsUnifiedAndItsMemoryEstimatedFromTheNode() {
    var n =
        node("spark")
            .resource("nvidia.com/gpu", "1")
            .resource("memory", "128Gi")
            .labels(
                Map.of(
                    "nvidia.com/gpu.product", "NVIDIA-GB10",
                    "nvidia.com/gpu.compute.major", "12",
                    "nvidia.com/gpu.compute.minor", "1",
                    "nvidia.com/gpu.count", "1"))
            .build();
    assertThat(ClusterNodes.read(n).accelerators())
        .containsExactly(
            new Accelerator(Vendor.NVIDIA, "NVIDIA GB10", "sm_121", 64L << 30, true, 0));
  }

  @Test
  void badLabelsAreFactsUnknownNotErrors() {
    var n =
        node("x")
            .resource("nvidia.com/gpu", "1")
            .label("nvidia.com/gpu.memory", "lots")
            .label("nvidia.com/gpu.compute.major", "7")
            .build();
    assertThat(ClusterNodes.read(n).accelerators())
        .containsExactly(new Accelerator(Vendor.NVIDIA, "", "", 0, false, 0));
    var huge =
        node("x")
            .resource("nvidia.com/gpu", "1")
            .label("nvidia.com/gpu.memory", "9" + "0".repeat(17));
    assertThat(ClusterNodes.read(huge.build()).accelerators().getFirst().memoryBytes()).isZero();
    var many = node("x").resource("nvidia.com/gpu", "100000").build();
    assertThat(ClusterNodes.read(many).accelerators()).isEmpty();
  }
}
