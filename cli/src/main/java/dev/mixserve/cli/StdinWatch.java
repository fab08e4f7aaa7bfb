package dev.mixserve.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A supervised child learns that its parent died when its stdin reaches end of file: the kernel
 * closes the parent's end of the pipe however it died, kill -9 included.
 */
final class StdinWatch {
  private StdinWatch() {}

  /** Whether stdin is a pipe (Linux); a terminal or /dev/null is not watched. */
  static boolean isPipe() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString().startsWith("pipe:");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Runs {@code onEof} once {@code in} ends, on a daemon thread that never stops the JVM. */
  static void start(InputStream in, Runnable onEof) {
    Thread.ofPlatform()
        .daemon()
        .name("mixserve-stdin-watch")
        .start(
            () -> {
              var buf = new byte[256];
              try {
                while (in.read(buf) != -1) {
                  // what the parent writes means nothing; only the end does
                }
              } catch (IOException e) {
                // a broken pipe is an end too
              }
              onEof.run();
            });
  }
}
