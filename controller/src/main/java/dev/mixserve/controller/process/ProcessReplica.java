package dev.mixserve.controller.process;

import dev.mixserve.controller.Launcher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** One started child process. Its stdin stays open: a mixserve child exits when it closes. */
final class ProcessReplica implements Launcher.Started {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  /** How long the log may keep flowing after the exit (a grandchild can hold the pipe). */
  private static final Duration LOG_GRACE = Duration.ofSeconds(2);

  /** SIGKILL is not refused, but a process stuck in the kernel takes its time to go. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final Process process;
  private final URI endpoint;
  private final URI readiness;
  private final HttpClient http;
  private final CompletableFuture<String> exited;

  ProcessReplica(Process process, URI endpoint, String readyPath, HttpClient http, LogTail log) {
    this.process = process;
    this.endpoint = endpoint;
    this.readiness = endpoint.resolve(readyPath);
    this.http = http;
    this.exited =
        process
            .onExit()
            .thenCompose(
                p ->
                    log.done()
                        .copy()
                        .completeOnTimeout(null, LOG_GRACE.toMillis(), TimeUnit.MILLISECONDS))
            .thenApply(x -> ExitReason.of(process.exitValue(), log.lines()));
  }

  long pid() {
    return process.pid();
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public boolean ready() {
    if (!process.isAlive()) {
      return false;
    }
    var request = HttpRequest.newBuilder(readiness).timeout(PROBE_TIMEOUT).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public CompletableFuture<String> exited() {
    return exited;
  }

  @Override
  public void stop(Duration grace) {
    List<ProcessHandle> family =
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    family.forEach(ProcessHandle::destroy);
    if (!awaitAll(family, grace)) {
      family.forEach(ProcessHandle::destroyForcibly);
      awaitAll(family, KILL_WAIT);
    }
    await(exited, LOG_GRACE.plusSeconds(1));
  }

  private static boolean awaitAll(List<ProcessHandle> handles, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (var h : handles) {
      if (!await(h.onExit(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  private static boolean await(CompletableFuture<?> f, Duration timeout) {
    try {
      f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return f.isDone();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
