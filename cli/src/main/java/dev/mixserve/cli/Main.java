package dev.mixserve.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The mixserve command line. */
@Command(
    name = "mixserve",
    description = "One inference endpoint for a mixed bag of GPUs.",
    footer = {
      "",
      "The launcher script also runs:",
      "  ./mixserve test [ARGS]      run the test suite (what CI runs)",
      "  ./mixserve bench NAME [-h]  run a benchmark; NAME: embeddings, llm, audio,",
      "                              scheduler, gateway, hostile, cluster, handwritten",
      "",
      "mixserve help COMMAND (or mixserve COMMAND --help) explains one command."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
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
    LogFormat.install();
    int code = commandLine().execute(args);
    System.exit(code);
  }

  /**
   * The command tree with -h/--help and -V/--version on every command, set here once so that a
   * command added later cannot miss them (picocli's own help command has its -h already).
   */
  static CommandLine commandLine() {
    var cl = new CommandLine(new Main());
    standardOptions(cl);
    return cl;
  }

  private static void standardOptions(CommandLine cl) {
    var spec = cl.getCommandSpec();
    if (!spec.helpCommand()) {
      spec.mixinStandardHelpOptions(true);
      spec.versionProvider(new Version());
    }
    cl.getSubcommands().values().forEach(Main::standardOptions);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
