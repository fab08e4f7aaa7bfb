package dev.mixserve.core.admission;

import dev.mixserve.api.Limits;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.metrics.DeploymentMetrics;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the work of one deployment: {@code slots} requests run, at most {@code maxQueued} wait,
 * the rest are refused at once with Retry-After. Waiting happens on the caller's virtual thread.
 */
public final class AdmissionGate {
  private final String deployment;
  private final Slots slots;
  private volatile int capacity;
  private final int maxQueued;
  private final int overloadStatus;
  private final AtomicInteger waiting = new AtomicInteger();
  private final DeploymentMetrics metrics;
  private volatile double recentSeconds = 0.05;

  public AdmissionGate(String deployment, Limits limits, int replicas, DeploymentMetrics metrics) {
    this.deployment = deployment;
    this.capacity = limits.maxOngoingRequests() * Math.max(1, replicas);
    this.slots = new Slots(capacity);
    this.maxQueued = limits.maxQueuedRequests();
    this.overloadStatus = limits.overloadStatus();
    this.metrics = metrics;
  }

  /** A held slot; closing it frees the slot. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** Takes a slot, waiting at most {@code maxWait} in the queue. */
  public Permit enter(Duration maxWait) {
    long start = System.nanoTime();
    if (!slots.tryAcquire()) {
      if (waiting.incrementAndGet() > maxQueued) {
        waiting.decrementAndGet();
        metrics.rejected("queue_full");
        throw ServeException.overloaded(
            deployment
                + " is at capacity ("
                + capacity
                + " running, "
                + maxQueued
                + " queued); retry later",
            overloadStatus,
            retryAfterSeconds());
      }
      try {
        if (!slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
          metrics.rejected("queue_timeout");
          throw ServeException.unavailable(
              deployment + ": no slot became free within " + maxWait.toMillis() + " ms",
              retryAfterSeconds());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ServeException.unavailable(deployment + ": interrupted while queued", 1);
      } finally {
        waiting.decrementAndGet();
      }
    }
    metrics.inFlight().inc();
    return new HeldPermit(start);
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
    return new HeldPermit(System.nanoTime());
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

  private int retryAfterSeconds() {
    double perSlot = recentSeconds * (1 + (double) waiting.get() / capacity);
    return (int) Math.ceil(Math.max(1, perSlot));
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
      double seconds = (System.nanoTime() - start) / 1e9;
      recentSeconds = recentSeconds * 0.9 + seconds * 0.1;
      metrics.inFlight().dec();
      slots.release();
    }
  }
}
