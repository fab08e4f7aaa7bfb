package dev.mixserve.cli;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.EngineCheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mixserve config --default} prints the built-in config; {@code config FILE} checks one. */
@Command(
    name = "config",
    description =
        "Print the built-in config, or check a config file as serve checks it (engine kinds"
            + " included).",
    footer = {"", "Exit codes: 0 ok, 2 the config is refused (FILE:LINE: why)."})
final class ConfigCommand implements Callable<Integer> {
  @Option(names = "--default", description = "Print the built-in default config.")
  boolean printDefault;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "A config file to check.")
  Path file;

  @Override
  public Integer call() {
    if (printDefault || file == null) {
      System.out.print(ConfigLoader.defaultText());
      return 0;
    }
    try {
      var config = checked(file, EngineRegistry.discover());
      System.out.println(
          file
              + ": ok, "
              + config.nodes().size()
              + " nodes, "
              + config.deployments().size()
              + " deployments");
      return 0;
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /**
   * The config in {@code file}, each deployment checked against the engines as `serve` checks it
   * before it starts, so that what this command calls ok `serve` runs, and what `serve` refuses
   * this command refuses with the same FILE:LINE: message.
   */
  static MixserveConfig checked(Path file, EngineRegistry engines) {
    return ConfigLoader.load(file, d -> EngineCheck.problem(d, engines));
  }
}
