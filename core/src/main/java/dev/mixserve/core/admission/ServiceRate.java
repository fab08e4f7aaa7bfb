package dev.mixserve.core.admission;

/**
 * How fast a gate's slots turn over, measured: an exponentially weighted mean of the time a request
 * holds a slot. With every slot busy (the only time anyone queues) the gate completes {@code slots
 * / mean} requests a second (Little's law), so the request at queue position {@code k} starts about
 * {@code k * mean / slots} from now. Thread-safe.
 */
final class ServiceRate {
  /** Weight of the newest request: the mean follows a change of load within some 20 requests. */
  private static final double WEIGHT = 0.1;

  private double meanSeconds = Double.NaN; // guarded by this; NaN until a request has finished

  synchronized void finished(double seconds) {
    meanSeconds =
        Double.isNaN(meanSeconds) ? seconds : meanSeconds + WEIGHT * (seconds - meanSeconds);
  }

  /** Mean seconds a request holds a slot; NaN until one has finished. */
  synchronized double meanSeconds() {
    return meanSeconds;
  }

  /** Seconds until the request at queue {@code position} (1 = next) starts; NaN when unknown. */
  double secondsUntilStart(int position, int slots) {
    return position * meanSeconds() / Math.max(1, slots);
  }
}
