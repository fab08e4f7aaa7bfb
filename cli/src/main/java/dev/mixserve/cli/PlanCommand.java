package dev.mixserve.cli;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Strategy;
import dev.mixserve.scheduler.inventory.Inventory;
import dev.mixserve.scheduler.inventory.InventoryMerge;
import dev.mixserve.scheduler.inventory.LocalSystemProbe;
import dev.mixserve.scheduler.report.Format;
import dev.mixserve.scheduler.report.PlanReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mixserve plan FILE}: where each replica would go, what is left, and why anything does not
 * fit. Exit 0 when everything is placed, 1 when some replica is refused, 2 for a bad config.
 */
@Command(name = "plan", description = "Show where each replica goes and what is left free.")
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "Config file (default: built-in).")
  Path file;

  @Option(names = "--format", defaultValue = "table", description = "table, mermaid or json.")
  String format;

  @Option(names = "--strategy", defaultValue = "pack", description = "pack or spread.")
  String strategy;

  @Option(
      names = "--detect",
      description = "Detect this machine's accelerators and merge them into node --node.")
  boolean detect;

  @Option(names = "--node", defaultValue = "local", description = "This machine's node name.")
  String node;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    try {
      Format f = Format.parse(format);
      var options = new ScheduleOptions(Strategy.parse(strategy), false, Optional.of(node));
      MixserveConfig config = file == null ? ConfigLoader.defaults() : ConfigLoader.load(file);
      if (detect) {
        var local = Inventory.detect(node, new LocalSystemProbe(Duration.ofSeconds(10)));
        var merged = InventoryMerge.merge(config.nodes(), local);
        merged.findings().forEach(x -> err.println("note: " + x));
        config = new MixserveConfig(config.server(), merged.nodes(), config.deployments());
      }
      var plan = PlanReport.plan(config, options);
      out.print(PlanReport.render(config, plan, f));
      out.flush();
      return plan.refusals().isEmpty() ? 0 : 1;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
