package dev.mixserve.gateway.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the handler that the client of a request left. The front door names every request it passes
 * to the handler ({@code X-Mixserve-Client}); when that client goes away before its answer is done,
 * the thread serving it is interrupted, which stops a queued or generating request at once instead
 * of when it next writes (a non-streamed chat writes only at its end).
 */
public final class Departures {
  private static final long FORGET_NANOS = 60_000_000_000L;

  private final ConcurrentHashMap<Long, Watch> watched = new ConcurrentHashMap<>();
  // clients that left before their request was watched (still in flight to the handler)
  private final ConcurrentHashMap<Long, Long> early = new ConcurrentHashMap<>();

  /** The client of request {@code id} left; called by a front door loop. */
  public void left(long id) {
    Watch w = watched.remove(id);
    if (w != null) {
      w.cancel();
    } else {
      early.put(id, System.nanoTime());
    }
  }

  /** Watches request {@code id} for the thread calling this; close it when the request is done. */
  public Watch watch(long id) {
    var w = new Watch(id, Thread.currentThread());
    watched.put(id, w);
    if (early.remove(id) != null) {
      left(id);
    }
    return w;
  }

  /** Drops what {@link #left} kept for requests that never reached the handler. */
  public void sweep(long now) {
    early.values().removeIf(t -> now - t > FORGET_NANOS);
  }

  /** One request's watch: its thread is interrupted at most once, and never after close. */
  public final class Watch implements AutoCloseable {
    private final long id;
    private final Thread thread;
    private boolean cancelled;
    private boolean closed;

    private Watch(long id, Thread thread) {
      this.id = id;
      this.thread = thread;
    }

    private synchronized void cancel() {
      if (!closed && !cancelled) {
        cancelled = true;
        thread.interrupt();
      }
    }

    synchronized boolean cancelled() {
      return cancelled;
    }

    /** Ends the watch; an interrupt it made is cleared, so it cannot reach the next request. */
    @Override
    public synchronized void close() {
      closed = true;
      watched.remove(id, this);
      if (cancelled) {
        Thread.interrupted();
      }
    }
  }
}
