package dev.mixserve.controller.process;

import dev.mixserve.api.engine.ModelFetcher;
import dev.mixserve.controller.Launcher;
import dev.mixserve.controller.ReplicaSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs replicas as child processes: a free loopback port each, the placement's device variables,
 * output captured under the replica id, readiness by HTTP probe.
 */
public final class ProcessLauncher implements Launcher, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.mixserve.replica");

  private final CommandTemplate template;
  private final Path scratch;
  private final Consumer<String> log;
  private final Map<String, String> env;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  /**
   * The default templates, per-replica dirs under java.io.tmpdir/mixserve-PID, output to
   * System.Logger. Removes first what servers killed before they could clean up left there.
   *
   * @param files makes engine.model a local file for servers that take only a file (whisper.cpp)
   */
  public ProcessLauncher(ModelFetcher files) {
    this(
        new CommandTemplate(MixserveCommand.thisJvm(), files),
        sweptScratch(),
        line -> LOG.log(System.Logger.Level.INFO, line),
        Map.of());
  }

  private static Path sweptScratch() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    for (Path gone : ScratchDirs.sweep(tmp)) {
      LOG.log(System.Logger.Level.INFO, "removed " + gone + ": its server no longer runs");
    }
    return ScratchDirs.of(tmp, ProcessHandle.current().pid());
  }

  /**
   * @param template commands by engine kind
   * @param scratch parent of each replica's private dir ({tmp}); removed by {@link #close()}
   * @param log receives every output line as "[replica-id] line"
   */
  public ProcessLauncher(CommandTemplate template, Path scratch, Consumer<String> log) {
    this(template, scratch, log, Map.of());
  }

  /**
   * As {@link #ProcessLauncher(CommandTemplate, Path, Consumer)}, with {@code env}: variables every
   * child gets on top of this process's, below its own command's (tests put stand-ins on PATH).
   */
  public ProcessLauncher(
      CommandTemplate template, Path scratch, Consumer<String> log, Map<String, String> env) {
    this.template = template;
    this.scratch = scratch;
    this.log = log;
    this.env = Map.copyOf(env);
  }

  @Override
  public Started start(ReplicaSpec spec) throws LaunchException {
    int port = freePort();
    Command c = template.command(spec, port, privateDir(spec.id()));
    Process p = spawn(c);
    var tail = LogTail.drain(spec.id(), p.getInputStream(), log);
    var endpoint = URI.create("http://" + CommandTemplate.HOST + ":" + port);
    return new ProcessReplica(p, endpoint, c.readyPath(), http, tail);
  }

  private Process spawn(Command c) throws LaunchException {
    var childEnv = new HashMap<>(System.getenv());
    childEnv.putAll(env);
    childEnv.putAll(c.env());
    // The JDK looks a bare name up on this process's PATH, not on the child's: look it up on the
    // child's here, so that process.env PATH (a venv's bin, say) decides which server runs.
    Path program =
        Executables.find(c.program(), childEnv.get("PATH"))
            .orElseThrow(
                () ->
                    new LaunchException(
                        c.program()
                            + ": command not found on PATH; install it or set process.command"));
    var argv = new java.util.ArrayList<>(c.argv());
    argv.set(0, program.toString());
    // The working dir stays this one so that relative model paths mean what they mean here.
    var pb = new ProcessBuilder(List.copyOf(argv)).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().putAll(c.env());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new LaunchException(c.program() + ": cannot start: " + e.getMessage(), e);
    }
  }

  /**
   * A port free now; another process may take it before the child binds, which the child's exit or
   * its failing readiness probe then reports, and the controller's restart picks another.
   */
  private static int freePort() throws LaunchException {
    try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new LaunchException("no free port on loopback: " + e.getMessage(), e);
    }
  }

  private Path privateDir(String id) throws LaunchException {
    try {
      return Files.createDirectories(scratch.resolve(id));
    } catch (IOException e) {
      throw new LaunchException("cannot create " + scratch.resolve(id) + ": " + e.getMessage(), e);
    }
  }

  /** The parent of the replicas' private dirs: this process's own, removed by {@link #close()}. */
  public Path scratch() {
    return scratch;
  }

  /** Call after every replica is stopped: it removes their private dirs. */
  @Override
  public void close() {
    http.close();
    if (Files.exists(scratch)) {
      ScratchDirs.deleteTree(scratch);
    }
  }
}
