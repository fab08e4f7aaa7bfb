package dev.mixserve.bench.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The external programs and ports the benchmark needs. */
final class Tools {
  private Tools() {}

  /** {@code name} on the PATH or in the sbin folders, which a normal user's PATH often lacks. */
  static Optional<Path> find(String name) {
    var dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static Path require(String name, String debianPackage) {
    return find(name)
        .orElseThrow(
            () ->
                new MissingTool(
                    name + " not found; install it with: sudo apt-get install " + debianPackage));
  }

  /** A port free just now; nginx wants it in its config, so it cannot be 0. */
  static int freePort() throws IOException {
    try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits until something listens on {@code port}, or {@code process} died. */
  static void awaitListening(int port, Process process, Path log) throws Exception {
    long end = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < end && process.isAlive()) {
      try (var s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50); // nginx is starting
      }
    }
    String why = Files.exists(log) ? Files.readString(log) : "";
    throw new IOException("nothing listens on port " + port + "; the log says:\n" + why);
  }

  static final class MissingTool extends RuntimeException {
    MissingTool(String message) {
      super(message);
    }
  }
}
