package dev.mixserve.bench.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** One {@code serve} child process: started, watched until ready, measured, stopped. */
final class ServerRun implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile(".*listening on http://[^:]+:(\\d+).*");
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);

  private final Process process;
  private final long started;
  private final Path log;
  private final CompletableFuture<Long> listening = new CompletableFuture<>();
  private volatile int port;

  private ServerRun(Process process, long started, Path log) {
    this.process = process;
    this.started = started;
    this.log = log;
    Thread.ofPlatform().daemon().name("serve-stdout").start(this::drain);
  }

  /** Starts {@code serve --config CONFIG --host 127.0.0.1 --port 0}; its output goes to LOG. */
  static ServerRun start(Build build, Path config, Path log) throws IOException {
    var pb =
        new ProcessBuilder(
            build.command(
                List.of("--config", config.toString(), "--host", "127.0.0.1", "--port", "0")));
    pb.environment().put("XDG_CACHE_HOME", build.cache().toString());
    pb.environment().put("MIXSERVE_CACHE", build.cache().resolve("mixserve").toString());
    pb.redirectErrorStream(true);
    long t0 = System.nanoTime();
    return new ServerRun(pb.start(), t0, log);
  }

  long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  /** Seconds from the start to the "listening on" line. */
  double awaitListening() throws Exception {
    try {
      return seconds(listening.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      throw new IOException("serve did not say it listens within " + READY_WITHIN + tail());
    }
  }

  /** Seconds from the start until /-/healthz says each of {@code names} is ready. */
  double awaitReady(HttpClient http, List<String> names) throws Exception {
    var req = HttpRequest.newBuilder(uri("/-/healthz")).timeout(Duration.ofSeconds(5)).build();
    long end = started + READY_WITHIN.toNanos();
    String last = "";
    while (System.nanoTime() < end && process.isAlive()) {
      String body = poll(http, req);
      if (!body.isEmpty()) {
        last = body;
        var states = Health.states(body, names);
        if (Health.allReady(states)) {
          return seconds(System.nanoTime());
        }
        var failed = Health.firstFailed(states);
        if (failed != null) {
          throw new IOException("deployment " + failed + tail());
        }
      }
      Thread.sleep(10);
    }
    throw new IOException("not ready within " + READY_WITHIN + ": " + last + tail());
  }

  /** The body, or "" while the server does not answer yet. */
  private static String poll(HttpClient http, HttpRequest req) throws InterruptedException {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** VmRSS and VmHWM of the child now. */
  Rss rss() throws IOException {
    return Rss.parse(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
  }

  /** CPU seconds the child has used so far, all threads. */
  double cpuSeconds() throws IOException {
    return Rss.cpuSeconds(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
  }

  private double seconds(long nanos) {
    return (nanos - started) / 1e9;
  }

  private void drain() {
    try (var in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out = new PrintWriter(Files.newBufferedWriter(log))) {
      String line;
      while ((line = in.readLine()) != null) {
        var m = LISTENING.matcher(line);
        if (!listening.isDone() && m.matches()) {
          port = Integer.parseInt(m.group(1));
          listening.complete(System.nanoTime());
        }
        out.println(line);
        out.flush();
      }
    } catch (IOException e) {
      listening.completeExceptionally(e);
    }
    listening.completeExceptionally(new IOException("serve exited before listening" + tail()));
  }

  private String tail() {
    try {
      var lines = Files.readAllLines(log);
      return "; the last lines of "
          + log
          + ":\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return " (see " + log + ")";
    }
  }

  /** SIGTERM, as a user's Ctrl-C or a supervisor stops it, then waits for a clean exit. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException("serve did not stop within 60 s of SIGTERM; killed" + tail());
    }
  }
}
