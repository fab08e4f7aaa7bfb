package dev.mixserve.scheduler;

import static dev.mixserve.api.Vendor.AMD;
import static dev.mixserve.api.Vendor.INTEL;
import static dev.mixserve.api.Vendor.NVIDIA;
import static dev.mixserve.scheduler.Fx.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Table of clusters and deployments with where each replica must land. */
class PlacementCasesTest {
  record Case(String name, List<Node> nodes, List<Deployment> deps, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    var rtx = node("elminster", gpu(NVIDIA, "sm_75", 8, 0));
    var halo = node("khelben", apu("gfx1151", 64));
    var arc = node("danilo", gpu(INTEL, "xe-hpg", 16, 0));
    var twoGpus = node("big", gpu(NVIDIA, "sm_90", 80, 0), gpu(NVIDIA, "sm_90", 80, 1));
    return Stream.of(
        new Case(
            "two halves fill one GPU",
            List.of(rtx),
            List.of(dep("a", 500, 2)),
            List.of("a#0=elminster/nvidia#0", "a#1=elminster/nvidia#0")),
        new Case(
            "a third half is refused",
            List.of(rtx),
            List.of(dep("a", 500, 3)),
            List.of("a#0=elminster/nvidia#0", "a#1=elminster/nvidia#0", "a#2=refused")),
        new Case(
            "vendor constraint",
            List.of(rtx, halo, arc),
            List.of(dep("a", 100, 0, onVendor(INTEL), 1), dep("b", 100, 0, onVendor(AMD), 1)),
            List.of("a#0=danilo/intel#0", "b#0=khelben/amd#0")),
        new Case(
            "arch constraint",
            List.of(rtx, halo),
            List.of(dep("a", 100, 0, onArch("gfx1151"), 1)),
            List.of("a#0=khelben/amd#0")),
        new Case(
            "arch nowhere",
            List.of(rtx, halo),
            List.of(dep("a", 100, 0, onArch("gfx942"), 1)),
            List.of("a#0=refused")),
        new Case(
            "APU memory is the unified size",
            List.of(rtx, halo),
            List.of(dep("a", 500, 40 * GIB, Fx.minMemory(0), 1)),
            List.of("a#0=khelben/amd#0")),
        new Case(
            "explicit memory refused past the device",
            List.of(rtx),
            List.of(dep("a", 100, 5 * GIB, Fx.minMemory(0), 2)),
            List.of("a#0=elminster/nvidia#0", "a#1=refused")),
        new Case(
            "min memory",
            List.of(rtx, arc),
            List.of(dep("a", 100, 0, minMemory(12), 1)),
            List.of("a#0=danilo/intel#0")),
        new Case(
            "labels",
            List.of(
                node("x", java.util.Map.of("zone", "a"), gpu(NVIDIA, "sm_75", 8, 0)),
                node("y", java.util.Map.of("zone", "b"), gpu(NVIDIA, "sm_75", 8, 0))),
            List.of(dep("a", 100, 0, withLabel("zone", "b"), 1)),
            List.of("a#0=y/nvidia#0")),
        new Case(
            "node constraint",
            List.of(rtx, arc),
            List.of(dep("a", 100, 0, onNode("danilo"), 1)),
            List.of("a#0=danilo/intel#0")),
        new Case(
            "pack fills GPU 0 first",
            List.of(twoGpus),
            List.of(dep("a", 300, 3)),
            List.of("a#0=big/nvidia#0", "a#1=big/nvidia#0", "a#2=big/nvidia#0")),
        new Case(
            "large first leaves room",
            List.of(twoGpus),
            List.of(dep("s", 200, 2), dep("l", 800, 2)),
            List.of(
                "s#0=big/nvidia#0", "s#1=big/nvidia#1", "l#0=big/nvidia#0", "l#1=big/nvidia#1")),
        new Case(
            "CPU only takes no share",
            List.of(rtx),
            List.of(dep("c", 0, 3), dep("g", 1000, 1)),
            List.of(
                "c#0=elminster/cpu",
                "c#1=elminster/cpu",
                "c#2=elminster/cpu",
                "g#0=elminster/nvidia#0")),
        new Case("no nodes", List.of(), List.of(dep("a", 0, 1)), List.of("a#0=refused")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void placesAsExpected(Case c) {
    Plan plan = plan(c.nodes(), c.deps());
    var actual = new ArrayList<String>();
    for (var d : c.deps()) {
      for (int r = 0; r < d.replicas(); r++) {
        actual.add(d.name() + "#" + r + "=" + where(plan, d.name(), r));
      }
    }
    assertThat(actual).containsExactlyElementsOf(c.expected());
  }
}
