package dev.mixserve.cli;

import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mixserve config --default} prints the built-in config; {@code config FILE} checks one. */
@Command(name = "config", description = "Print the built-in config, or check a config file.")
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
      var config = ConfigLoader.load(file);
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
}
