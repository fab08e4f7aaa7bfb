package dev.mixserve.core.admission;

import dev.mixserve.api.Limits;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.metrics.DeploymentMetrics;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Bounds the work of one deployment: {@code slots} requests run, at most {@code maxQueued} wait,
 * the rest are refused at once with Retry-After. Waiting is bounded in time too: a request waits at
 * most the deployment's queue_timeout (and never past its own deadline), and one that the measured
 * service rate says cannot start by then is refused at once, with a Retry-After from that rate,
 * instead of waiting only to time out. Waiting happens on the caller's virtual thread.
 */
public final class AdmissionGate {
  /** Retry-After is capped: past a minute the estimate says little, and clients stop trying. */
  static final int MAX_RETRY_AFTER_SECONDS = 60;

  private final String deployment;
  private final Slots slots;
  private volatile int capacity;
  private final int maxQueued;
  private final int overloadStatus;
  private final Duration queueTimeout;
  private final AtomicInteger waiting = new AtomicInteger();
  private final DeploymentMetrics metrics;
  private final ServiceRate rate = new ServiceRate();
  private final LongSupplier nanoTime;

  public AdmissionGate(String deployment, Limits limits, int replicas, DeploymentMetrics metrics) {
    this(deployment, limits, replicas, metrics, System::nanoTime);
  }

  /**
   * @param nanoTime the clock that times how long requests hold a slot (System::nanoTime)
   */
  public AdmissionGate(
      String deployment,
      Limits limits,
      int replicas,
      DeploymentMetrics metrics,
      LongSupplier nanoTime) {
    this.deployment = deployment;
    this.capacity = limits.maxOngoingRequests() * Math.max(1, replicas);
    this.slots = new Slots(capacity);
    this.maxQueued = limits.maxQueuedRequests();
    this.overloadStatus = limits.overloadStatus();
    this.queueTimeout = limits.queueTimeout();
    this.metrics = metrics;
    this.nanoTime = nanoTime;
  }

  /** A held slot; closing it frees the slot. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes a slot, waiting at most {@code maxWait} (the request's deadline) or queue_timeout,
   * whichever is shorter. Refuses at once when the queue is full, or when at the measured rate this
   * request would not get a slot within that time.
   */
  public Permit enter(Duration maxWait) {
    if (!slots.tryAcquire()) {
      Duration budget = maxWait.compareTo(queueTimeout) < 0 ? maxWait : queueTimeout;
      int position = waiting.incrementAndGet();
      try {
        if (position > maxQueued) {
          metrics.rejected("queue_full");
          throw ServeException.overloaded(
              deployment
                  + " is at capacity ("
                  + capacity
                  + " running, "
                  + maxQueued
                  + " queued); retry later",
              overloadStatus,
              retryAfter(position - 1));
        }
        double wait = rate.secondsUntilStart(position, capacity);
        if (wait * 1e9 > budget.toNanos()) {
          metrics.rejected("queue_wait");
          throw ServeException.unavailable(
              String.format(
                  "%s is busy: its %d slots are taken and %d requests wait; a request holds a"
                      + " slot about %.2f s, so this one would wait about %.1f s, longer than its"
                      + " %d ms queue limit; retry later",
                  deployment, capacity, position - 1, rate.meanSeconds(), wait, budget.toMillis()),
              retryAfter(position - 1));
        }
        if (!slots.tryAcquire(budget.toNanos(), TimeUnit.NANOSECONDS)) {
          metrics.rejected("queue_timeout");
          throw ServeException.unavailable(
              deployment + ": no slot became free within " + budget.toMillis() + " ms",
              retryAfter(waiting.get() - 1));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ServeException.unavailable(deployment + ": interrupted while queued", 1);
      } finally {
        waiting.decrementAndGet();
      }
    }
    metrics.inFlight().inc();
    return new HeldPermit(nanoTime.getAsLong());
  }

  /**
   * A slot now, or null when none is free or others wait for one (they go first): for callers that
   * cannot wait here and take a slower path that queues instead.
   */
  public Permit tryEnter() {
    if (waiting.get() > 0 || !slots.tryAcquire()) {
      return null;
    }
    metrics.inFlight().inc();
    return new HeldPermit(nanoTime.getAsLong());
  }

  /**
   * Lowers the running limit to what the engine can do at once (an engine that is not re-entrant
   * runs one request), so that the rest wait in this bounded queue, not on a lock inside it.
   */
  public synchronized void capRunning(int max) {
    if (max >= 1 && max < capacity) {
      slots.reduce(capacity - max);
      capacity = max;
    }
  }

  /** A fair semaphore whose permits can be taken away for good. */
  private static final class Slots extends Semaphore {
    Slots(int permits) {
      super(permits, true);
    }

    void reduce(int n) {
      reducePermits(n);
    }
  }

  /**
   * Waits until no request runs or waits here, at most until {@code deadlineNanos}
   * (System.nanoTime); returns whether it got there.
   */
  public boolean awaitIdle(long deadlineNanos) {
    while (running() + queued() > 0) {
      if (System.nanoTime() >= deadlineNanos) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  public int queued() {
    return waiting.get();
  }

  public int running() {
    return capacity - slots.availablePermits();
  }

  /**
   * Whole seconds, 1 to {@link #MAX_RETRY_AFTER_SECONDS}, until the {@code ahead} requests queued
   * now have started and a slot is free again, at the measured rate; 1 before any request has
   * finished.
   */
  int retryAfter(int ahead) {
    double seconds = rate.secondsUntilStart(Math.max(0, ahead) + 1, capacity);
    if (Double.isNaN(seconds)) {
      return 1;
    }
    return (int) Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds)));
  }

  private final class HeldPermit implements Permit {
    private final long start;
    private boolean closed;

    HeldPermit(long start) {
      this.start = start;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      rate.finished((nanoTime.getAsLong() - start) / 1e9);
      metrics.inFlight().dec();
      slots.release();
    }
  }
}
