package dev.mixserve.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import dev.mixserve.scheduler.inventory.MemoryUse;
import dev.mixserve.scheduler.inventory.SystemProbe;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the GPU memory is measured, on a clock the test moves and a runner it drains by hand. */
class MeasuredMemoryTest {
  static final long S = 1_000_000_000L;
  static final List<Accelerator> RTX =
      List.of(new Accelerator(Vendor.NVIDIA, "RTX 3090", "sm_86", 24L << 30, false, 0));
  static final MemoryUse USE = new MemoryUse(Vendor.NVIDIA, 0, 3174L << 20, 24576L << 20);

  long now = 5 * S;
  final ArrayDeque<Runnable> pending = new ArrayDeque<>();
  final Tool tool = new Tool();
  final MeasuredMemory measured = new MeasuredMemory(tool, () -> now, pending::add);

  /** nvidia-smi answering {@link #answer} (empty: it failed or was killed), counting its calls. */
  static final class Tool implements SystemProbe {
    Optional<String> answer = Optional.of("0, 3174, 24576");
    final List<List<String>> ran = new ArrayList<>();

    @Override
    public Optional<String> run(List<String> command) {
      ran.add(command);
      return answer;
    }

    @Override
    public Optional<String> read(Path file) {
      return Optional.empty();
    }

    @Override
    public List<Path> list(Path dir) {
      return List.of();
    }
  }

  @Test
  void theStreamNeverWaitsForTheToolAndOneMeasurementRunsAtATime() {
    assertThat(measured.latest(RTX)).isEmpty();
    assertThat(measured.latest(RTX)).isEmpty();
    assertThat(pending).hasSize(1);
    assertThat(tool.ran).isEmpty();
    pending.poll().run();
    assertThat(measured.latest(RTX)).containsExactly(USE);
  }

  @Test
  void measuresAtMostEveryTwoSeconds() {
    measureNow();
    now += 2 * S - 1;
    measured.latest(RTX);
    assertThat(pending).isEmpty();
    now += 1;
    measured.latest(RTX);
    assertThat(pending).hasSize(1);
  }

  @Test
  void aFailureIsUnknownAndTheNextTriesWaitLongerEachTime() {
    measureNow();
    tool.answer = Optional.empty();
    now += 2 * S;
    measureNow();
    assertThat(measured.latest(RTX)).isEmpty();
    assertThat(triedAfter(10 * S)).isTrue();
    assertThat(triedAfter(20 * S)).isTrue();
    tool.answer = Optional.of("0, 3174, 24576");
    assertThat(triedAfter(40 * S)).isTrue();
    assertThat(measured.latest(RTX)).containsExactly(USE);
    assertThat(triedAfter(2 * S)).isTrue();
  }

  @Test
  void figuresNobodyRefreshedForAWhileAreNotShownAsNow() {
    measureNow();
    now += MeasuredMemory.STALE_NANOS + 1;
    assertThat(measured.latest(RTX)).isEmpty();
  }

  @Test
  void aMachineWithoutAnNvidiaOrAmdGpuStartsNoTool() {
    var arc = new Accelerator(Vendor.INTEL, "Arc A770", "xe-hpg", 16L << 30, false, 0);
    var cpu = new Accelerator(Vendor.CPU, "Xeon", "x86-64-v3", 64L << 30, false, 0);
    assertThat(measured.latest(List.of(arc, cpu))).isEmpty();
    assertThat(pending).isEmpty();
  }

  private void measureNow() {
    measured.latest(RTX);
    assertThat(pending).hasSize(1);
    pending.poll().run();
  }

  /** Whether the next try comes exactly {@code wait} after the last one, and not before. */
  private boolean triedAfter(long wait) {
    now += wait - 1;
    measured.latest(RTX);
    boolean early = !pending.isEmpty();
    now += 1;
    measured.latest(RTX);
    boolean onTime = pending.size() == 1;
    pending.poll().run();
    return !early && onTime;
  }
}
