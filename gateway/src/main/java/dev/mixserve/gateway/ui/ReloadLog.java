package dev.mixserve.gateway.ui;

import java.time.Instant;

/**
 * The last config reload and how it went, for the Config page: a refused config leaves the running
 * one in place, so its error (with the file and line the loader names) is the only trace of it.
 */
public final class ReloadLog {
  /**
   * One reload.
   *
   * @param ok whether the new config now runs
   * @param detail what changed, or why the config was refused ("homelab.yaml:12: ...")
   */
  public record Entry(Instant at, String source, boolean ok, String detail) {}

  private volatile Entry last;
  private volatile Entry lastFailure;

  public void succeeded(String source, String summary) {
    last = new Entry(Instant.now(), source, true, summary);
  }

  public void failed(String source, String error) {
    var e = new Entry(Instant.now(), source, false, error);
    last = e;
    lastFailure = e;
  }

  /** The last reload, or null when none happened since start. */
  public Entry last() {
    return last;
  }

  /** The last refused reload, kept after a later success so that its error stays readable. */
  public Entry lastFailure() {
    return lastFailure;
  }
}
