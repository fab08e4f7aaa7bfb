package dev.mixserve.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk with a POST of a small embeddings request and reads its summary. */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s|m)\\b");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s|m)\\b");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private final Path binary;
  private final Path script;
  private final Options options;

  Wrk(Path binary, Path dir, Options options) throws IOException {
    this.binary = binary;
    this.options = options;
    this.script = dir.resolve("post.lua");
    Files.writeString(
        script,
        """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["Authorization"] = "Bearer %s"
        wrk.body = '{"model":"up","input":"The quick brown fox jumps over the lazy dog."}'
        """
            .formatted(GatewayBench.KEY));
  }

  /** One measurement of {@code seconds} against {@code url}. */
  Result run(String url, int seconds) throws IOException, InterruptedException {
    var cmd =
        List.of(
            binary.toString(),
            "-t2",
            "-c" + options.connections(),
            "-d" + seconds + "s",
            "--latency",
            "-s",
            script.toString(),
            url);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("wrk failed on " + url + ":\n" + out);
    }
    return parse(out);
  }

  static Result parse(String out) {
    long failed = count(NON_2XX.matcher(out));
    Matcher e = ERRORS.matcher(out);
    if (e.find()) {
      for (int g = 1; g <= 4; g++) {
        failed += Long.parseLong(e.group(g));
      }
    }
    return new Result(number(RATE, out), millis(P50, out), millis(P99, out), failed);
  }

  private static long count(Matcher m) {
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static double number(Pattern p, String out) {
    Matcher m = p.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no match for " + p + " in wrk output:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static double millis(Pattern p, String out) {
    Matcher m = p.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no match for " + p + " in wrk output:\n" + out);
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "ms" -> v;
      case "s" -> v * 1000;
      default -> v * 60_000;
    };
  }

  /** Requests per second, latency percentiles in milliseconds, and failed requests. */
  record Result(double rate, double p50, double p99, long failed) {}
}
