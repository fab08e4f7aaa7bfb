package dev.mixserve.cli;

import dev.mixserve.gateway.MixserveServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** How a serving command ends: on SIGTERM, Ctrl-C or System.exit, with a graceful drain. */
final class Shutdown {
  static final Duration DRAIN = Duration.ofSeconds(30);

  private Shutdown() {}

  /** Blocks until the JVM is asked to exit and {@code service} has closed. */
  static void await(AutoCloseable service) throws InterruptedException {
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    System.err.println("error while stopping: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                },
                "mixserve-shutdown"));
    stopped.await();
  }

  /** Blocks until the JVM is asked to exit and the server has drained. */
  static void await(MixserveServer server) throws InterruptedException {
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Finish what was admitted, refuse the rest, then exit. The exit does not wait
                  // for llama.cpp's non-daemon native thread: the JVM is already exiting, and Main
                  // ends every command with System.exit.
                  server.shutdown(DRAIN);
                  stopped.countDown();
                },
                "mixserve-shutdown"));
    stopped.await();
  }
}
