package dev.mixserve.controller.process;

import dev.mixserve.controller.ReplicaSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of {port} {host} {model} {gpu_share} {replica} and {tmp} (the replica's private
 * directory) for one replica. Unknown names stay as written so that a literal brace survives.
 */
record Placeholders(Map<String, String> values) {
  private static final Pattern NAME = Pattern.compile("\\{([a-z_]+)}");

  static Placeholders of(ReplicaSpec spec, String host, int port, Path tmp) {
    return new Placeholders(
        Map.of(
            "port", String.valueOf(port),
            "host", host,
            "model", spec.deployment().engine().model(),
            "gpu_share", share(spec.deployment().resources().milliGpu()),
            "replica", spec.id(),
            "tmp", tmp.toString()));
  }

  /** Rounded down: a process never claims more of the device than its booked share. */
  static String share(int milliGpu) {
    return BigDecimal.valueOf(milliGpu, 3).setScale(2, RoundingMode.DOWN).toPlainString();
  }

  String apply(String s) {
    Matcher m = NAME.matcher(s);
    return m.replaceAll(r -> Matcher.quoteReplacement(values.getOrDefault(r.group(1), r.group())));
  }
}
