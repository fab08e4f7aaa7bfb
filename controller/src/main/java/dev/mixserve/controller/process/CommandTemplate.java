package dev.mixserve.controller.process;

import dev.mixserve.api.ProcessSpec;
import dev.mixserve.controller.Launcher.LaunchException;
import dev.mixserve.controller.ReplicaSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line, readiness path and environment of a process replica. The engine kind picks a
 * template; the deployment's {@link ProcessSpec} may replace its command, add arguments and
 * variables, and name another readiness path.
 */
public final class CommandTemplate {
  /** Replicas listen on loopback only: the gateway is their one client. */
  public static final String HOST = "127.0.0.1";

  /** Engine kinds that name a server of their own, not an engine of this JVM. */
  public static final java.util.Set<String> EXTERNAL =
      java.util.Set.of("vllm", "llama-server", "whisper-server", "tei", "openai-server");

  private final List<String> mixserve;

  /** Children run mixserve the way this JVM runs it (see {@link MixserveCommand#thisJvm()}). */
  public CommandTemplate() {
    this(MixserveCommand.thisJvm());
  }

  /**
   * @param mixserve how to run mixserve, up to its subcommand, e.g. ["/opt/mixserve/bin/mixserve"];
   *     placeholders allowed
   */
  public CommandTemplate(List<String> mixserve) {
    if (mixserve.isEmpty()) {
      throw new IllegalArgumentException("empty mixserve command");
    }
    this.mixserve = List.copyOf(mixserve);
  }

  /** The command for {@code spec} listening on {@code port}, with {@code tmp} as its own dir. */
  public Command command(ReplicaSpec spec, int port, Path tmp) throws LaunchException {
    ProcessSpec p = processOf(spec);
    Template t;
    try {
      t = template(spec);
    } catch (IllegalArgumentException e) {
      throw new LaunchException("deployment '" + spec.deployment().name() + "': " + e.getMessage());
    }
    var argv = new ArrayList<>(p.command().isEmpty() ? t.argv() : p.command());
    if (argv.isEmpty()) {
      throw new LaunchException(
          "deployment '"
              + spec.deployment().name()
              + "': engine kind '"
              + spec.deployment().engine().kind()
              + "' needs process.command, the server's command line");
    }
    argv.addAll(spec.hints().args());
    argv.addAll(p.args());
    var env = new HashMap<>(spec.hints().env());
    env.putAll(p.env());
    var values = Placeholders.of(spec, HOST, port, tmp);
    var line = new ArrayList<>(argv.stream().map(values::apply).toList());
    if (p.command().isEmpty()) {
      line.addAll(t.literal()); // after the placeholders: an engine option keeps its braces
    }
    return new Command(
        List.copyOf(line),
        p.readyPath().isEmpty() ? t.readyPath() : p.readyPath(),
        substitute(env, values));
  }

  static ProcessSpec processOf(ReplicaSpec spec) {
    var p = spec.deployment().process();
    return p == null ? ProcessSpec.DEFAULT : p;
  }

  private record Template(List<String> argv, String readyPath, List<String> literal) {
    Template(List<String> argv, String readyPath) {
      this(argv, readyPath, List.of());
    }
  }

  private Template template(ReplicaSpec spec) {
    var listen = List.of("--host", "{host}", "--port", "{port}");
    return switch (spec.deployment().engine().kind()) {
      case "vllm" -> new Template(join(List.of("vllm", "serve", "{model}"), listen), "/health");
      case "llama-server" ->
          new Template(join(List.of("llama-server", "-m", "{model}"), listen), "/health");
      // whisper.cpp's /health answers 503 while the model loads; older builds lack it (use /).
      case "whisper-server" ->
          new Template(
              join(
                  List.of("whisper-server", "-m", "{model}"),
                  listen,
                  List.of("--inference-path", "/v1/audio/transcriptions")),
              "/health");
      case "tei" ->
          new Template(
              List.of(
                  "text-embeddings-router",
                  "--model-id",
                  "{model}",
                  "--hostname",
                  "{host}",
                  "--port",
                  "{port}"),
              "/health");
      case "openai-server" -> new Template(List.of(), "/v1/models");
      default ->
          new Template(
              engineChild(spec),
              "/v2/health/ready",
              List.of("--engine", EngineJson.write(spec.deployment().engine())));
    };
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

  @SafeVarargs
  private static List<String> join(List<String>... parts) {
    var all = new ArrayList<String>();
    for (var p : parts) {
      all.addAll(p);
    }
    return all;
  }

  private static Map<String, String> substitute(Map<String, String> env, Placeholders values) {
    var out = new HashMap<String, String>();
    env.forEach((k, v) -> out.put(k, values.apply(v)));
    return out;
  }
}
