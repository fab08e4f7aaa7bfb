package dev.mixserve.bench.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM flags a checkout's launcher script gives {@code serve}: its {@code cache=}, {@code tmp=},
 * {@code cds=} and {@code java_flags} lines, evaluated by bash as the script does, with {@code
 * XDG_CACHE_HOME} pointing at the bench's folder. A checkout without the script gets the flags the
 * CLI cannot run without.
 */
final class LauncherFlags {
  static final List<String> MINIMAL =
      List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

  /** Lines of the launcher that set what the JVM gets; the rest builds, installs or dispatches. */
  static final String PICK = "^[[:space:]]*(cache|tmp|cds|java_flags)(\\+)?=";

  private LauncherFlags() {}

  static List<String> read(Path script, Path cache) throws IOException, InterruptedException {
    if (!Files.isRegularFile(script)) {
      return withDjl(MINIMAL, cache);
    }
    var pb =
        new ProcessBuilder(
            "bash",
            "-c",
            "set -e; set -- serve; eval \"$(grep -E '"
                + PICK
                + "' \"$SCRIPT\")\";"
                + " mkdir -p \"$tmp/llama\"; printf '%s\\n' \"${java_flags[@]}\"");
    pb.environment().put("SCRIPT", script.toString());
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("cannot read the JVM flags of " + script + ": " + out.strip());
    }
    return withDjl(out.lines().filter(l -> !l.isBlank()).toList(), cache);
  }

  /** The launcher's exec line adds where DJL unpacks its tokenizer library. */
  private static List<String> withDjl(List<String> flags, Path cache) {
    var out = new ArrayList<>(flags);
    out.add("-DDJL_CACHE_DIR=" + cache.resolve("mixserve/native/djl"));
    return out;
  }
}
