package dev.mixserve.cli.models;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Model files on this machine; for now the tests' small models. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    version = "mixserve 0.1.0",
    description = "Model files on this machine.",
    subcommands = {ModelsCommand.FetchTest.class})
public final class ModelsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The folder the tests read, from the environment as the tests take it. */
  static Path defaultDir() {
    String env = System.getenv("MIXSERVE_TEST_MODELS");
    return Path.of(env == null || env.isBlank() ? "../shared/models" : env);
  }

  @Command(
      name = "fetch-test",
      mixinStandardHelpOptions = true,
      version = "mixserve 0.1.0",
      description =
          "Fetch the tests' small models (about 20 MB, from GitHub repositories at fixed commits)"
              + " into MIXSERVE_TEST_MODELS (default ../shared/models), each checked against its"
              + " sha256; files already there and right are kept.")
  static final class FetchTest implements Callable<Integer> {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Where to put them (default: MIXSERVE_TEST_MODELS, else ../shared/models).")
    Path dir;

    @Option(
        names = "--from",
        paramLabel = "URL",
        description =
            "Where the files are, as BASE/OWNER/REPO/COMMIT/PATH (default: ${DEFAULT-VALUE}).",
        defaultValue = "https://raw.githubusercontent.com/")
    URI from;

    @Override
    public Integer call() {
      Path target = (dir != null ? dir : defaultDir()).toAbsolutePath().normalize();
      var r = new ModelFetch(from, target, System.out, System.err).fetchAll(TestModelFiles.list());
      System.out.println(
          "test models in "
              + target
              + ": "
              + r.fetched()
              + " fetched, "
              + r.present()
              + " already there"
              + (r.failed() > 0 ? ", " + r.failed() + " failed" : ""));
      return r.ok() ? 0 : 1;
    }
  }
}
