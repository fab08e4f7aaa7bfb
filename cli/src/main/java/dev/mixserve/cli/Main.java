package dev.mixserve.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The mixserve command line. */
@Command(
    name = "mixserve",
    mixinStandardHelpOptions = true,
    version = "mixserve 0.1.0",
    description = "One inference endpoint for a mixed bag of GPUs.",
    subcommands = {
      ServeCommand.class,
      EngineCommand.class,
      DemoCommand.class,
      ConfigCommand.class,
      PlanCommand.class,
      RenderCommand.class,
      OperatorCommand.class,
      ChatCommand.class,
      VoiceCommand.class,
      KeyCommand.class,
      dev.mixserve.cli.models.ModelsCommand.class
    })
public final class Main implements Runnable {
  /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
  private static final java.util.logging.Logger HELIDON =
      java.util.logging.Logger.getLogger("io.helidon");

  /** DJL probes for CUDA on every start and warns when there is none; CPU is the normal case. */
  private static final java.util.logging.Logger DJL = java.util.logging.Logger.getLogger("ai.djl");

  /** One line per request at DEBUG (FINE); `serve --access-log` turns it on. */
  static final java.util.logging.Logger ACCESS =
      java.util.logging.Logger.getLogger("mixserve.access");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Helidon announces its features and sockets at INFO; mixserve prints its own one line.
    HELIDON.setLevel(java.util.logging.Level.WARNING);
    DJL.setLevel(java.util.logging.Level.SEVERE);
    int code = new CommandLine(new Main()).execute(args);
    System.exit(code);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
