package dev.mixserve.scheduler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import dev.mixserve.scheduler.Bytes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Memory in use on the captured machines, measured for the GPUs their detection found. The H100's
 * figure is its capture's (nvidia-smi.txt: 0MiB / 81559MiB); drizzt's kernel exports no use.
 */
class GpuMemoryTest {
  static Stream<Arguments> machines() {
    return Stream.of(
        Arguments.of("h100", List.of("nvidia #0 0 B of 79.6 GiB")),
        Arguments.of("elminster", List.of("nvidia #0 612 MiB of 8 GiB")),
        Arguments.of(
            "mixed-nvidia", List.of("nvidia #0 30.3 GiB of 40 GiB", "nvidia #1 3.1 GiB of 24 GiB")),
        // the APU counts its GTT, the discrete card only its VRAM
        Arguments.of(
            "radeon-desktop", List.of("amd #0 3.1 GiB of 24 GiB", "amd #1 1 GiB of 32 GiB")),
        Arguments.of("khelben", List.of("amd #0 20.4 GiB of 64 GiB")),
        Arguments.of("drizzt", List.of()),
        Arguments.of("danilo", List.of()),
        Arguments.of("nuc", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("machines")
  void measures(String machine, List<String> expected) {
    var probe = FakeProbe.machine(machine);
    var gpus = Inventory.detect(machine, probe).accelerators();
    assertThat(GpuMemory.measure(probe, gpus).stream().map(GpuMemoryTest::describe))
        .containsExactlyElementsOf(expected);
  }

  @org.junit.jupiter.api.Test
  void asksNvidiaSmiOnlyWhenThereIsAnNvidiaGpu() {
    var probe = FakeProbe.machine("radeon-desktop");
    var gpus = Inventory.detect("radeon-desktop", probe).accelerators();
    probe.ran().clear();
    GpuMemory.measure(probe, gpus);
    assertThat(probe.ran()).isEmpty();
    var h100 = FakeProbe.machine("h100");
    GpuMemory.measure(h100, List.of(new Accelerator(Vendor.NVIDIA, "H100", "sm_90", 1, false, 0)));
    assertThat(h100.ran()).containsExactly(GpuMemory.NVIDIA_QUERY);
  }

  @org.junit.jupiter.api.Test
  void readsAHeaderAndUnitsAndLeavesOutWhatTheDriverCannotSay() {
    var csv =
        """
        index, memory.used [MiB], memory.total [MiB]
        0, 3174 MiB, 24576 MiB
        1, [N/A], [N/A]
        """;
    assertThat(GpuMemory.parseNvidia(csv))
        .containsExactly(new MemoryUse(Vendor.NVIDIA, 0, 3174L << 20, 24576L << 20));
    assertThat(GpuMemory.parseNvidia("No devices were found")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aGpuDeclaredButNotOnThisMachineIsNotMeasured() {
    var probe = FakeProbe.machine("khelben");
    var second = new Accelerator(Vendor.AMD, "Radeon", "gfx1100", 24L << 30, false, 1);
    assertThat(GpuMemory.measure(probe, List.of(second))).isEmpty();
  }

  static String describe(MemoryUse m) {
    return m.vendor().id()
        + " #"
        + m.index()
        + " "
        + Bytes.human(m.usedBytes())
        + " of "
        + Bytes.human(m.totalBytes());
  }
}
