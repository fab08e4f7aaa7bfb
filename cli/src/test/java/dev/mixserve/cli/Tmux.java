package dev.mixserve.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A command running in a tmux pseudo-terminal (Debian package tmux): keys go in as a user types
 * them, Ctrl-C included, and the screen is read back as text.
 */
final class Tmux implements AutoCloseable {
  private final String session = "mixserve-it-" + UUID.randomUUID().toString().substring(0, 8);

  Tmux(List<String> command) {
    var args =
        new ArrayList<>(List.of("new-session", "-d", "-s", session, "-x", "160", "-y", "50"));
    args.add(String.join(" ", command.stream().map(Tmux::quote).toList()) + "; sleep 30");
    tmux(args.toArray(String[]::new));
  }

  /** Types {@code keys}: literal text, or tmux key names such as Enter and C-c. */
  void send(String... keys) {
    var args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  String screen() {
    return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", session);
  }

  /** Waits until the screen matches {@code regex} (DOTALL), and returns it. */
  String waitFor(String regex, Duration timeout) {
    var pattern = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.DOTALL);
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> pattern.matcher(screen()).find());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("the screen never matched " + regex + ":\n" + screen(), e);
    }
    return screen();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String tmux(String... args) {
    var cmd = new ArrayList<>(List.of("tmux"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("tmux is needed for this test (Debian package tmux)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      tmux("kill-session", "-t", session);
    } catch (IllegalStateException ignored) {
      // the session had already ended
    }
  }
}
