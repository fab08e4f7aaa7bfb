package dev.mixserve.core.download;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar redrawn with carriage returns, at most five times a second. */
final class ProgressBar {
  private static final long REDRAW_NANOS = 200_000_000L;
  private final PrintStream out;
  private final String label;
  private final long total;
  private final long startBytes;
  private final long startNanos = System.nanoTime();
  private long lastDraw;

  /** {@code total} is -1 when unknown; {@code startBytes} were already there (a resume). */
  ProgressBar(PrintStream out, String label, long total, long startBytes) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.startBytes = startBytes;
  }

  void update(long bytes) {
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      out.print("\r" + line(bytes, now));
      out.flush();
    }
  }

  void done(long bytes) {
    out.println("\r" + line(bytes, System.nanoTime()));
  }

  private String line(long bytes, long now) {
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    double rate = (bytes - startBytes) / seconds / (1 << 20);
    if (total <= 0) {
      return String.format(Locale.ROOT, "%s %.1f MiB %.1f MiB/s", label, mib(bytes), rate);
    }
    int width = 30;
    int filled = (int) (width * Math.min(1.0, (double) bytes / total));
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3d%% %.1f/%.1f MiB %.1f MiB/s",
        label,
        "=".repeat(filled),
        " ".repeat(width - filled),
        (int) (100 * bytes / total),
        mib(bytes),
        mib(total),
        rate);
  }

  private static double mib(long bytes) {
    return bytes / (double) (1 << 20);
  }
}
