package dev.mixserve.scheduler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A real nvidia-smi capture from an H100 machine (driver 580.159.04, CUDA 13.0). */
class H100CaptureTest {
  static final FakeProbe H100 = FakeProbe.machine("h100");

  static String capture(String file) {
    return H100.read(H100.root().resolve("capture").resolve(file)).orElseThrow();
  }

  @Test
  void parsesTheQueryWithoutUnitsAndAnExtraColumn() {
    var gpu = NvidiaDetector.parse(capture("nvidia-smi-query.csv")).getFirst();
    assertThat(gpu.model()).isEqualTo("NVIDIA H100 80GB HBM3");
    assertThat(gpu.arch()).isEqualTo("sm_90");
    assertThat(gpu.memoryBytes()).isEqualTo(81559L << 20);
    assertThat(gpu.index()).isZero();
  }

  @Test
  void parsesTheQueryWithHeaderAndUnits() {
    assertThat(NvidiaDetector.parse(capture("nvidia-smi-query-header.csv")))
        .containsExactlyElementsOf(NvidiaDetector.parse(capture("nvidia-smi-query.csv")));
  }

  @Test
  void askedNvidiaSmiAndFoundNoDrmCards() {
    var probe = FakeProbe.machine("h100");
    Inventory.detect("h100", probe);
    assertThat(probe.ran()).contains(NvidiaDetector.QUERY);
    assertThat(probe.list(Path.of("/sys/class/drm"))).isEmpty();
  }
}
