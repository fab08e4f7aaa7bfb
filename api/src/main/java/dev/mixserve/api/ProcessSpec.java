package dev.mixserve.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Replicas of a deployment run as supervised child processes instead of inside the JVM. The engine
 * kind picks the command template (vllm, llama-server, whisper, whisper-server, xtts, tei, or any
 * in-JVM engine kind, which runs as {@code mixserve engine}); {@code command} replaces the
 * template. Kinds that name a server of their own run as processes without this block too; with it,
 * this is where their overrides go.
 *
 * <p>Placeholders in the command and args: {port}, {host}, {model}, {gpu_share} (0.00–1.00),
 * {replica} (the replica id).
 *
 * @param command the whole command line, or empty for the engine kind's template
 * @param args extra arguments appended to the command
 * @param env extra environment variables (the placement's device visibility comes on top)
 * @param readyPath HTTP path that answers 2xx once the server can take requests, or empty for the
 *     template's
 * @param startupTimeout how long a replica may take to become ready before it counts as failed
 * @param stopTimeout how long a stopping replica may take after SIGTERM before it is killed
 */
public record ProcessSpec(
    List<String> command,
    List<String> args,
    Map<String, String> env,
    String readyPath,
    Duration startupTimeout,
    Duration stopTimeout) {
  public static final ProcessSpec DEFAULT =
      new ProcessSpec(
          List.of(), List.of(), Map.of(), "", Duration.ofMinutes(5), Duration.ofSeconds(10));

  public ProcessSpec {
    command = List.copyOf(command == null ? List.of() : command);
    args = List.copyOf(args == null ? List.of() : args);
    env = Map.copyOf(env == null ? Map.of() : env);
    readyPath = readyPath == null ? "" : readyPath;
    if (!readyPath.isEmpty() && !readyPath.startsWith("/")) {
      throw new IllegalArgumentException("ready_path must start with /");
    }
    if (startupTimeout == null || !startupTimeout.isPositive()) {
      throw new IllegalArgumentException("startup_timeout must be positive");
    }
    if (stopTimeout == null || stopTimeout.isNegative()) {
      throw new IllegalArgumentException("stop_timeout must be >= 0");
    }
  }
}
