package dev.mixserve.controller.process;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.ProcessSpec;
import dev.mixserve.api.engine.ModelFetcher;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.controller.Launcher.LaunchException;
import dev.mixserve.controller.ReplicaSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line, readiness path and environment of a process replica. The engine kind picks a
 * template: a server of its own (see {@link #EXTERNAL}) or, for an engine of this JVM, {@code
 * mixserve engine}. The deployment's {@link ProcessSpec} may replace its command, add arguments and
 * variables, and name another readiness path.
 */
public final class CommandTemplate {
  /** Replicas listen on loopback only: the gateway is their one client. */
  public static final String HOST = "127.0.0.1";

  /**
   * Engine kinds that name a server of their own, not an engine of this JVM: vllm, llama-server,
   * whisper (whisper.cpp's server; also whisper-server), xtts (Coqui's tts-server), tei and
   * openai-server (any server, by process.command).
   */
  public static final Set<String> EXTERNAL = ServerTemplates.KINDS;

  private static final String ENGINE_READY = "/v2/health/ready";

  private final List<String> mixserve;
  private final ServerTemplates servers;

  /**
   * Children run mixserve the way this JVM runs it (see {@link MixserveCommand#thisJvm()}); model
   * files only as local paths.
   */
  public CommandTemplate() {
    this(MixserveCommand.thisJvm());
  }

  /**
   * @param mixserve how to run mixserve, up to its subcommand, e.g. ["/opt/mixserve/bin/mixserve"];
   *     placeholders allowed. Model files only as local paths.
   */
  public CommandTemplate(List<String> mixserve) {
    this(mixserve, ModelFetcher.LOCAL_ONLY);
  }

  /**
   * @param mixserve as in {@link #CommandTemplate(List)}
   * @param files makes engine.model a local file for servers that load only files (whisper.cpp):
   *     the same fetcher (and cache) as the engines of this JVM
   */
  public CommandTemplate(List<String> mixserve, ModelFetcher files) {
    if (mixserve.isEmpty()) {
      throw new IllegalArgumentException("empty mixserve command");
    }
    this.mixserve = List.copyOf(mixserve);
    this.servers = new ServerTemplates(files);
  }

  /**
   * Whether replicas of {@code d} run as supervised processes: under {@code process:}, or by an
   * engine kind that names a server of its own, which nothing in this JVM could run.
   */
  public static boolean supervised(Deployment d) {
    return d.supervised() || EXTERNAL.contains(d.engine().kind());
  }

  /** Why replicas of {@code d} could not start as configured, for a check before serving. */
  public static Optional<String> missing(Deployment d) {
    if (d.engine().kind().equals("openai-server") && processOf(d).command().isEmpty()) {
      return Optional.of(
          "engine kind 'openai-server' needs process.command, the server's command line");
    }
    return Optional.empty();
  }

  /** The command for {@code spec} listening on {@code port}, with {@code tmp} as its own dir. */
  public Command command(ReplicaSpec spec, int port, Path tmp) throws LaunchException {
    var d = spec.deployment();
    ProcessSpec p = processOf(d);
    String own = ServerTemplates.readyPath(d.engine().kind());
    var missing = missing(d);
    if (missing.isPresent()) {
      throw new LaunchException("deployment '" + d.name() + "': " + missing.get());
    }
    List<String> literal = List.of();
    var argv = new ArrayList<String>();
    try {
      if (!p.command().isEmpty()) {
        argv.addAll(p.command());
      } else if (own != null) {
        argv.addAll(servers.argv(d));
      } else {
        argv.addAll(engineChild(spec));
        literal = List.of("--engine", EngineJson.write(d.engine()));
      }
    } catch (IllegalArgumentException | ServeException e) {
      throw new LaunchException("deployment '" + d.name() + "': " + e.getMessage(), e);
    }
    argv.addAll(spec.hints().args());
    argv.addAll(p.args());
    var env = new HashMap<>(spec.hints().env());
    env.putAll(p.env());
    var values = Placeholders.of(spec, HOST, port, tmp);
    var line = new ArrayList<>(argv.stream().map(values::apply).toList());
    line.addAll(literal); // after the placeholders: an engine option keeps its braces
    String ready = !p.readyPath().isEmpty() ? p.readyPath() : own != null ? own : ENGINE_READY;
    return new Command(List.copyOf(line), ready, substitute(env, values));
  }

  static ProcessSpec processOf(Deployment d) {
    var p = d.process();
    return p == null ? ProcessSpec.DEFAULT : p;
  }

  /**
   * Any in-JVM engine kind runs as `mixserve engine`, one replica per child. The child reads the
   * deployment from the config file but takes its engine from {@code --engine}: this process may
   * run another one than the file names ({@code serve --llm}).
   */
  private List<String> engineChild(ReplicaSpec spec) {
    var argv = new ArrayList<>(mixserve);
    argv.addAll(List.of("engine", "--deployment", spec.deployment().name(), "--supervised"));
    argv.addAll(List.of("--host", "{host}", "--port", "{port}"));
    if (spec.config() != null) {
      argv.addAll(List.of("--config", spec.config().toAbsolutePath().toString()));
    }
    return argv;
  }

  private static Map<String, String> substitute(Map<String, String> env, Placeholders values) {
    var out = new HashMap<String, String>();
    env.forEach((k, v) -> out.put(k, values.apply(v)));
    return out;
  }
}
