package dev.mixserve.scheduler.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The real machine. A tool that hangs (a wedged driver) is killed rather than waited on. */
public final class LocalSystemProbe implements SystemProbe {
  private final Duration timeout;

  public LocalSystemProbe(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public Optional<String> run(List<String> command) {
    try {
      Path out = Files.createTempFile("mixserve-probe", ".out");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          return Optional.empty();
        }
        return p.exitValue() == 0 ? Optional.of(Files.readString(out)) : Optional.empty();
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return Optional.empty(); // not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Path> list(Path dir) {
    try (var s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
