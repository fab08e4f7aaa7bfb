package dev.mixserve.core.echo;

import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Behaviour the echo engine reads from its input text, so that tests and benchmarks can ask for it
 * through any protocol: {@code @delay=50ms} sleeps, {@code @fail} throws an engine failure,
 * {@code @fail=400} an invalid-request error, {@code @stream=N} sets the number of streamed chunks,
 * {@code @pace=20ms} waits that long between two streamed words (a stream slow enough to stop).
 */
public record Directives(Duration delay, int fail, int stream, Duration pace) {
  private static final Pattern DELAY = Pattern.compile("@delay=(\\d+)(ms|s)");
  private static final Pattern FAIL = Pattern.compile("@fail(?:=(\\d{3}))?");
  private static final Pattern STREAM = Pattern.compile("@stream=(\\d+)");
  private static final Pattern PACE = Pattern.compile("@pace=(\\d+)ms");

  public static Directives of(String text) {
    Duration delay = Duration.ZERO;
    var d = DELAY.matcher(text);
    if (d.find()) {
      long n = Long.parseLong(d.group(1));
      delay = d.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMillis(n);
    }
    int fail = 0;
    var f = FAIL.matcher(text);
    if (f.find()) {
      fail = f.group(1) == null ? 500 : Integer.parseInt(f.group(1));
    }
    var s = STREAM.matcher(text);
    int stream = s.find() ? Integer.parseInt(s.group(1)) : 0;
    var p = PACE.matcher(text);
    Duration pace = p.find() ? Duration.ofMillis(Long.parseLong(p.group(1))) : Duration.ZERO;
    return new Directives(delay, fail, stream, pace);
  }

  /** Sleeps and fails as asked. */
  public void apply() {
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ServeException.unavailable("echo: interrupted", 1);
      }
    }
    if (fail == 400) {
      throw ServeException.invalid("echo: failure requested with @fail=400");
    }
    if (fail != 0) {
      throw ServeException.engineFailure("echo: failure requested with @fail", null);
    }
  }
}
