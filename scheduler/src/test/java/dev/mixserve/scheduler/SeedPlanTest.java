package dev.mixserve.scheduler;

import static dev.mixserve.scheduler.Fx.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** examples/homelab.yaml must reproduce the seed's picture (ADR-0011). */
class SeedPlanTest {
  static final MixserveConfig HOMELAB = ConfigLoader.load(Path.of("../examples/homelab.yaml"));
  static final Plan PLAN =
      Scheduler.plan(HOMELAB.nodes(), HOMELAB.deployments(), List.of(), ScheduleOptions.DEFAULT);

  @ParameterizedTest
  @CsvSource({
    "llm,        khelben,   amd,    950, 64",
    "whisper,    elminster, nvidia, 500, 8",
    "tts,        elminster, nvidia, 500, 8",
    "embeddings, drizzt,    amd,    800, 12",
    "reranker,   danilo,    intel,  800, 16",
  })
  void placesEachRouteAsTheSeedDoes(
      String dep, String node, String vendor, int milli, long deviceGib) {
    var a = PLAN.find(dep, 0).orElseThrow();
    assertThat(a.node()).isEqualTo(node);
    var gpu = (Target.Gpu) a.target();
    assertThat(gpu.accelerator().vendor().id()).isEqualTo(vendor);
    assertThat(gpu.milliGpu()).isEqualTo(milli);
    assertThat(gpu.accelerator().memoryBytes()).isEqualTo(deviceGib * GIB);
    assertThat(gpu.memoryBytes()).isEqualTo(milli * deviceGib * GIB / 1000);
  }

  @ParameterizedTest
  @CsvSource({"khelben, 50", "elminster, 0", "drizzt, 200", "danilo, 200"})
  void leavesTheSeedsHeadroom(String node, int freeMilli) {
    var usage = PLAN.usage().stream().filter(u -> u.node().equals(node)).findFirst().orElseThrow();
    assertThat(usage.freeMilliGpu()).isEqualTo(freeMilli);
    assertThat(PLAN.refusals()).isEmpty();
  }
}
