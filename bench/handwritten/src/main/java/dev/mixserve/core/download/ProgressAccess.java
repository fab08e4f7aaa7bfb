package dev.mixserve.core.download;

import java.io.PrintStream;

/** The bench's door to the package-private {@link ProgressBar}. */
public final class ProgressAccess {
  private final ProgressBar bar;

  public ProgressAccess(PrintStream out, String label, long total, long startBytes) {
    this.bar = new ProgressBar(out, label, total, startBytes);
  }

  public void update(long bytes) {
    bar.update(bytes);
  }

  public void done(long bytes) {
    bar.done(bytes);
  }
}
