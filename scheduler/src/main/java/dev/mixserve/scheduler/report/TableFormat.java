package dev.mixserve.scheduler.report;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Bytes;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.Refusal;
import dev.mixserve.scheduler.Target;
import dev.mixserve.scheduler.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** One row per replica; FREE AFTER counts down as rows fill an accelerator. */
final class TableFormat {
  private static final List<String> HEADER =
      List.of("NODE", "ACCELERATOR", "DEPLOYMENT", "SHARE", "MEMORY", "FREE AFTER");

  private TableFormat() {}

  static String render(MixserveConfig config, Plan plan) {
    var rows = new ArrayList<List<String>>();
    rows.add(HEADER);
    var used = new HashMap<String, long[]>(); // device key → {milli, bytes} so far
    for (Assignment a : plan.assignments()) {
      rows.add(row(config, a, used));
    }
    for (Usage u : plan.usage()) {
      if (u.usedMilliGpu() == 0) {
        String free = Labels.free(1000, u.accelerator().memoryBytes());
        rows.add(List.of(u.node(), Labels.device(u.accelerator()), "-", "-", "-", free));
      }
    }
    var out = new StringBuilder(Columns.align(rows));
    refusals(plan.refusals(), out);
    return out.toString();
  }

  private static List<String> row(
      MixserveConfig config, Assignment a, HashMap<String, long[]> used) {
    String name = Labels.replica(config, a);
    return switch (a.target()) {
      case Target.Cpu c -> List.of(a.node(), "cpu", name, "-", "-", "-");
      case Target.Gpu g -> {
        long[] sum =
            used.computeIfAbsent(a.node() + "/" + Labels.device(g.accelerator()), k -> new long[2]);
        sum[0] += g.milliGpu();
        sum[1] += g.memoryBytes();
        String free = Labels.free(1000 - (int) sum[0], g.accelerator().memoryBytes() - sum[1]);
        yield List.of(
            a.node(),
            Labels.device(g.accelerator()),
            name,
            Bytes.share(g.milliGpu()),
            Bytes.human(g.memoryBytes()),
            free);
      }
    };
  }

  private static void refusals(List<Refusal> refusals, StringBuilder out) {
    if (refusals.isEmpty()) {
      return;
    }
    out.append("\nRefused (").append(refusals.size()).append("):\n");
    for (Refusal r : refusals) {
      out.append("  ")
          .append(r.deployment())
          .append(" replica ")
          .append(r.replica())
          .append(": ")
          .append(r.needs())
          .append('\n');
      r.reasons().forEach(line -> out.append("    ").append(line).append('\n'));
    }
  }
}
