package dev.mixserve.k8s.nodes;

import static dev.mixserve.k8s.nodes.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ROCm device plugin's resource and node labeller, with label sets from ROCm's docs. */
class AmdLabelsTest {
  @Test
  void anMi300xNodeFromTheRocmDocsExample() {
    var n =
        node("mi300x")
            .resource("amd.com/gpu", "8")
            .labels(
                Map.of(
                    "amd.com/gpu.cu-count", "304",
                    "amd.com/gpu.device-id", "74a1",
                    "amd.com/gpu.family", "AI",
                    "amd.com/gpu.product-name", "AMD_Instinct_MI300X_OAM",
                    "amd.com/gpu.simd-count", "1216",
                    "amd.com/gpu.vram", "192G"))
            .build();
    var gpus = ClusterNodes.read(n).accelerators();
    assertThat(gpus).hasSize(8);
    assertThat(gpus.get(7))
        .isEqualTo(new Accelerator(Vendor.AMD, "Instinct MI300X", "gfx942", 192L << 30, false, 7));
  }

  @Test
  void aStrixHaloIsUnifiedByItsDeviceIdAndMapsMoreThanItsCarveOut() {
    var n = node("khelben").resource("amd.com/gpu", "1").resource("memory", "160Gi");
    var gpus = ClusterNodes.read(n.labels(Nodes.strixHalo()).build()).accelerators();
    // half of the Node's 160 GiB beats the 64G carve-out the labeller reports as vram
    assertThat(gpus)
        .containsExactly(
            new Accelerator(
                Vendor.AMD, "Strix Halo (Radeon 8060S)", "gfx1151", 80L << 30, true, 0));
  }

  @Test
  void theOldBetaOnlyLabelsOfTheLabellerReadme() {
    // cmd/k8s-node-labeller/README.md's cluster-node-23; no device plugin resource
    var n =
        node("cluster-node-23")
            .labels(
                Map.of(
                    "beta.amd.com/gpu.cu-count.64", "1",
                    "beta.amd.com/gpu.device-id.6860", "1",
                    "beta.amd.com/gpu.family.AI", "1",
                    "beta.amd.com/gpu.simd-count.256", "1",
                    "beta.amd.com/gpu.vram.16G", "1"))
            .build();
    assertThat(ClusterNodes.read(n).accelerators())
        .containsExactly(new Accelerator(Vendor.AMD, "", "", 16L << 30, false, 0));
  }

  @Test
  void anApuNoTableKnowsIsUnifiedByItsFamily() {
    var n =
        node("deck")
            .resource("amd.com/gpu", "1")
            .labels(
                Map.of(
                    "amd.com/gpu.device-id", "163f",
                    "amd.com/gpu.family", "VGH",
                    "amd.com/gpu.product-name", "AMD_Custom_GPU_0405",
                    "amd.com/gpu.vram", "1G"))
            .build();
    var facts = NodeFacts.read(n).vendors().get(Vendor.AMD);
    assertThat(facts.unifiedKnown()).isTrue();
    assertThat(facts.gpus())
        .containsExactly(new Accelerator(Vendor.AMD, "AMD Custom GPU 0405", "", 0, true, 0));
  }

  @Test
  void mixedGpusGiveTheCountButNotWhichIsWhich() {
    var n =
        node("mixed")
            .resource("amd.com/gpu", "2")
            .labels(
                Map.of(
                    "amd.com/gpu.device-id.744c", "1",
                    "amd.com/gpu.device-id.73bf", "1",
                    "beta.amd.com/gpu.device-id.744c", "1",
                    "beta.amd.com/gpu.device-id.73bf", "1"))
            .build();
    var facts = NodeFacts.read(n).vendors().get(Vendor.AMD);
    assertThat(facts.unifiedKnown()).isFalse();
    assertThat(facts.gpus())
        .containsExactly(
            new Accelerator(Vendor.AMD, "", "", 0, false, 0),
            new Accelerator(Vendor.AMD, "", "", 0, false, 1));
  }
}
