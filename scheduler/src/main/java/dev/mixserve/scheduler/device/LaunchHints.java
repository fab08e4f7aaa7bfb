package dev.mixserve.scheduler.device;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a process replica's engine needs to see only its device and stay inside its share.
 *
 * @param env environment variables to set; an empty value hides every device of that runtime
 * @param args engine command-line flags, e.g. ["--gpu-memory-utilization", "0.95"]
 */
public record LaunchHints(Map<String, String> env, List<String> args) {
  /** No placement known: the engine sees what the machine has. */
  public static final LaunchHints NONE = new LaunchHints(Map.of(), List.of());

  public LaunchHints {
    env = java.util.Collections.unmodifiableMap(new TreeMap<>(env));
    args = List.copyOf(args);
  }
}
