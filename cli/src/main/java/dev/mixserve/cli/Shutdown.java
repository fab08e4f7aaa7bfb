package dev.mixserve.cli;

import dev.mixserve.gateway.MixserveServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * How a serving command ends: SIGTERM, Ctrl-C or {@link #request}, then a graceful drain, then the
 * exit. The drain runs before the JVM starts exiting, not in a shutdown hook: shutdown hooks run at
 * once and together, and ONNX Runtime's own hook releases its environment while models are still
 * loading or requests still running in it, which crashed the JVM with SIGSEGV (#20).
 */
final class Shutdown {
  static final Duration DRAIN = Duration.ofSeconds(30);

  /** The exit code and what asked for it; completed by the first signal or request. */
  private final CompletableFuture<Ask> asked = new CompletableFuture<>();

  private record Ask(int code, String why) {}

  private static final System.Logger LOG = System.getLogger("mixserve");

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  private Shutdown() {}

  /**
   * Catches SIGTERM and SIGINT from now on. The exit code stays what the JVM's own handler gave,
   * 128 + the signal's number (143, 130), which supervisors read as "stopped by a signal".
   */
  static Shutdown onSignals() {
    var s = new Shutdown();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), s::signalled);
    }
    return s;
  }

  /** Stops the server as a signal would, with this exit code (a child told to go, a failure). */
  void request(int code) {
    asked.complete(new Ask(code, "asked"));
  }

  private void signalled(Signal sig) {
    if (!asked.complete(new Ask(128 + sig.getNumber(), "SIG" + sig.getName()))) {
      LOG.log(
          System.Logger.Level.WARNING,
          "SIG"
              + sig.getName()
              + ": already stopping (draining for at most "
              + DRAIN.toSeconds()
              + " s)");
    }
  }

  /** Blocks until a stop is asked for, drains the server, and returns the exit code. */
  int await(MixserveServer server) {
    // An exit by another way (System.exit elsewhere) still drains, as well as it can.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "mixserve-shutdown"));
    Ask ask = asked.join();
    int code = ask.code();
    LOG.log(
        System.Logger.Level.INFO,
        "mixserve stopping ("
            + ask.why()
            + "): draining, finishing admitted requests (at most "
            + DRAIN.toSeconds()
            + " s)");
    long start = System.nanoTime();
    stop(server);
    LOG.log(
        System.Logger.Level.INFO,
        String.format(
            java.util.Locale.ROOT,
            "mixserve stopped in %.1f s (exit code %d)",
            (System.nanoTime() - start) / 1e9,
            code));
    return code;
  }

  /** Once; a second caller waits for the first, so that nothing exits in the middle of it. */
  private void stop(MixserveServer server) {
    if (stopping.compareAndSet(false, true)) {
      try {
        server.shutdown(DRAIN);
      } finally {
        stopped.complete(null);
      }
    }
    stopped.join();
  }

  /**
   * Blocks until the JVM is asked to exit and {@code service} has closed: for a service with no
   * native engine in it (the operator), where a shutdown hook is enough.
   */
  static void untilExit(AutoCloseable service) throws InterruptedException {
    var closed = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    LOG.log(System.Logger.Level.ERROR, "error while stopping: " + e.getMessage());
                  } finally {
                    closed.countDown();
                  }
                },
                "mixserve-shutdown"));
    closed.await();
  }
}
