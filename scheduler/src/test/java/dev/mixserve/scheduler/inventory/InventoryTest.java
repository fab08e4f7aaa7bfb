package dev.mixserve.scheduler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Captured machines, two or more per vendor, detected from their tool output and sysfs. */
class InventoryTest {
  static final long GIB = 1L << 30;

  static Stream<Arguments> machines() {
    return Stream.of(
        Arguments.of(
            "h100",
            List.of(
                "nvidia NVIDIA H100 80GB HBM3 sm_90 79.6 GiB discrete #0",
                "cpu Intel(R) Xeon(R) Processor (2 threads) x86-64-v4 125.9 GiB discrete #0")),
        Arguments.of(
            "elminster",
            List.of(
                "nvidia NVIDIA GeForce RTX 2070 sm_75 8 GiB discrete #0",
                "cpu Intel(R) Core(TM) i7-9700K CPU @ 3.60GHz (8 threads) x86-64-v3 31.3 GiB discrete #0")),
        Arguments.of(
            "mixed-nvidia",
            List.of(
                "nvidia NVIDIA A100-SXM4-40GB sm_80 40 GiB discrete #0",
                "nvidia NVIDIA GeForce RTX 3090 sm_86 24 GiB discrete #1",
                "cpu AMD EPYC 7302 16-Core Processor (32 threads) x86-64-v3 251.6 GiB discrete #0")),
        Arguments.of(
            "khelben",
            List.of(
                "amd Strix Halo [Radeon Graphics / Radeon 8050S / 8060S Graphics] gfx1151 64 GiB unified #0",
                "cpu AMD RYZEN AI MAX+ 395 w/ Radeon 8060S (32 threads) x86-64-v4 125 GiB discrete #0")),
        Arguments.of(
            "drizzt",
            List.of(
                "amd Radeon 680M gfx1035 12 GiB unified #0",
                "cpu AMD Ryzen 7 6800H with Radeon Graphics (16 threads) x86-64-v3 23.3 GiB discrete #0")),
        Arguments.of(
            "radeon-desktop",
            List.of(
                "amd Radeon RX 7900 XTX gfx1100 24 GiB discrete #0",
                "amd AMD Radeon Graphics gfx1036 32 GiB unified #1",
                "cpu AMD Ryzen 9 7950X 16-Core Processor (32 threads) x86-64-v4 62.5 GiB discrete #0")),
        Arguments.of(
            "danilo",
            List.of(
                "intel Intel(R) Arc(TM) A770 Graphics xe-hpg 15.1 GiB discrete #0",
                "cpu 13th Gen Intel(R) Core(TM) i5-13400 (16 threads) x86-64-v3 31.3 GiB discrete #0")),
        Arguments.of(
            "nuc",
            List.of(
                "intel Arc Graphics (Meteor Lake) xe-lpg 31.3 GiB unified #0",
                "cpu Intel(R) Core(TM) Ultra 7 155H (22 threads) x86-64-v3 62.5 GiB discrete #0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("machines")
  void detects(String machine, List<String> expected) {
    var node = Inventory.detect(machine, FakeProbe.machine(machine));
    assertThat(node.accelerators().stream().map(InventoryTest::describe))
        .containsExactlyElementsOf(expected);
  }

  static String describe(Accelerator a) {
    return a.vendor().id()
        + " "
        + a.model()
        + " "
        + a.arch()
        + " "
        + dev.mixserve.scheduler.Bytes.human(a.memoryBytes())
        + " "
        + (a.unified() ? "unified" : "discrete")
        + " #"
        + a.index();
  }
}
