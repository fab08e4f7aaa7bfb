package dev.mixserve.scheduler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.api.Vendor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Declared and detected nodes merged: detection wins, each disagreement is reported. */
class InventoryMergeTest {
  static final long GIB = 1L << 30;

  static Node declared(Accelerator... accs) {
    return new Node("drizzt", "10.0.0.3", Map.of("site", "home"), List.of(accs));
  }

  static Node detected() {
    return Inventory.detect("drizzt", FakeProbe.machine("drizzt"));
  }

  @Test
  void detectedMemoryWinsAndIsReported() {
    var merged =
        InventoryMerge.merge(
            List.of(
                declared(
                    new Accelerator(Vendor.AMD, "680M", "gfx1035", 8 * GIB, true, 0),
                    new Accelerator(Vendor.CPU, "", "", 0, false, 0))),
            detected());
    var amd = merged.nodes().getFirst().accelerators().getFirst();
    assertThat(amd.memoryBytes()).isEqualTo(12 * GIB);
    assertThat(merged.nodes().getFirst().labels()).containsEntry("site", "home");
    assertThat(merged.findings())
        .extracting(Finding::toString)
        .containsExactly("drizzt: amd gfx1035 #0: declared 8 GiB, detected 12 GiB; using detected");
  }

  @Test
  void reportsArchModelAndMissingDevices() {
    var merged =
        InventoryMerge.merge(
            List.of(
                declared(
                    new Accelerator(Vendor.AMD, "Radeon 780M", "gfx1103", 12 * GIB, true, 0),
                    new Accelerator(Vendor.NVIDIA, "RTX 4090", "sm_89", 24 * GIB, false, 0))),
            detected());
    assertThat(merged.findings())
        .extracting(Finding::message)
        .containsExactly(
            "amd gfx1035 #0: declared arch gfx1103, detected gfx1035; using detected",
            "amd gfx1035 #0: declared model 'Radeon 780M', detected 'Radeon 680M'; using detected",
            "cpu x86-64-v3 #0: detected but not declared; adding it",
            "nvidia sm_89 #0: declared but not detected; dropping it");
    assertThat(merged.nodes().getFirst().accelerators())
        .extracting(Accelerator::vendor)
        .containsExactly(Vendor.AMD, Vendor.CPU);
  }

  @Test
  void addsAnUndeclaredLocalNodeAndKeepsOthers() {
    var other = new Node("khelben", "", Map.of(), List.of());
    var merged = InventoryMerge.merge(List.of(other), detected());
    assertThat(merged.nodes()).extracting(Node::name).containsExactly("khelben", "drizzt");
    assertThat(merged.findings())
        .extracting(Finding::toString)
        .containsExactly("drizzt: not in the config; using what was detected");
  }

  @Test
  void aMissingToolIsNotAnError() {
    var probe = new LocalSystemProbe(java.time.Duration.ofSeconds(5));
    assertThat(probe.run(List.of("mixserve-no-such-tool-xyz"))).isEmpty();
    assertThat(probe.read(java.nio.file.Path.of("/no/such/file"))).isEmpty();
    assertThat(probe.list(java.nio.file.Path.of("/no/such/dir"))).isEmpty();
  }
}
