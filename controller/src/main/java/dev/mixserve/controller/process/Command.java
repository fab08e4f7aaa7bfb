package dev.mixserve.controller.process;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One replica's process, ready to start.
 *
 * @param argv program and arguments, placeholders already substituted
 * @param readyPath HTTP path that answers 2xx once the server takes requests
 * @param env variables set on top of the inherited environment; an empty value stays set, empty
 */
public record Command(List<String> argv, String readyPath, Map<String, String> env) {
  public Command {
    argv = List.copyOf(argv);
    Objects.requireNonNull(readyPath, "readyPath");
    env = Map.copyOf(env);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
  }

  /** The program as written in the config, e.g. "vllm" or "/usr/bin/java". */
  public String program() {
    return argv.getFirst();
  }
}
