package dev.mixserve.scheduler.report;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import java.util.List;

/** Entry point for {@code mixserve plan}: schedules a config from scratch and prints the plan. */
public final class PlanReport {
  private PlanReport() {}

  public static String render(MixserveConfig config, Format format) {
    return render(config, format, ScheduleOptions.DEFAULT);
  }

  public static String render(MixserveConfig config, Format format, ScheduleOptions options) {
    return render(config, plan(config, options), format);
  }

  public static Plan plan(MixserveConfig config, ScheduleOptions options) {
    return Scheduler.plan(config.nodes(), config.deployments(), List.of(), options);
  }

  public static String render(MixserveConfig config, Plan plan, Format format) {
    return switch (format) {
      case TABLE -> TableFormat.render(config, plan);
      case MERMAID -> MermaidFormat.render(config, plan);
      case JSON -> JsonFormat.render(config, plan);
    };
  }
}
