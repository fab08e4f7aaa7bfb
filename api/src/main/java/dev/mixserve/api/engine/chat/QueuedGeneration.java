package dev.mixserve.api.engine.chat;

import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Generation} fed by an engine thread through a queue: the engine calls the producer
 * methods, the request thread polls. Engines share it so that every one hands events over the same
 * way and cancellation is a flag the producer checks between tokens.
 *
 * <p>With a stream interval, a reader that has just taken a piece does not wait on the queue again
 * until the interval has passed since: it sleeps, pieces made meanwhile pile up without waking it,
 * and it takes them together. Waking a thread per token cost more CPU than a tiny model spends on
 * the token (see engine-llama's README); a piece waits at most the interval, and an engine slower
 * than the interval per token sees no grouping at all.
 */
public final class QueuedGeneration implements Generation {
  private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final Runnable onCancel;
  private final long intervalNanos;
  private long lastPiece; // when the reader last took a piece; the reader's thread only
  private boolean tookPiece; // whether lastPiece is set; the reader's thread only
  private volatile Thread sleeper; // the reader while it sleeps out the interval
  private volatile boolean ending; // an end or a failure is queued: no more sleeping
  private volatile boolean cancelled;
  private volatile boolean finished;

  /** {@code onCancel} runs once, on the closing thread, when a running generation is cancelled. */
  public QueuedGeneration(Runnable onCancel) {
    this(onCancel, Duration.ZERO);
  }

  /** As {@link #QueuedGeneration(Runnable)}, with pieces grouped over {@code streamInterval}. */
  public QueuedGeneration(Runnable onCancel, Duration streamInterval) {
    this.onCancel = onCancel;
    this.intervalNanos = streamInterval.toNanos();
  }

  @Override
  public ChatEvent poll(Duration timeout) throws InterruptedException {
    long wait = timeout.toNanos();
    if (tookPiece && wait > 0 && events.isEmpty()) {
      wait -= sleepOutInterval(wait);
    }
    Object e = events.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
    if (e instanceof ServeException failure) {
      finished = true;
      throw failure;
    }
    if (e instanceof ChatEvent.Finished) {
      finished = true;
    } else if (e instanceof ChatEvent.Piece && intervalNanos > 0) {
      lastPiece = System.nanoTime();
      tookPiece = true;
    }
    return (ChatEvent) e;
  }

  // Sleeps until the interval since the last piece is over, at most `wait`, unless an end comes;
  // returns the nanoseconds slept. The end must not wait out the interval: a client that sends its
  // next request only after this one's end would leave the engine idle meanwhile.
  private long sleepOutInterval(long wait) {
    long start = System.nanoTime();
    long until = start + Math.min(lastPiece + intervalNanos - start, wait);
    sleeper = Thread.currentThread();
    try {
      for (long now = start; now < until && !ending; now = System.nanoTime()) {
        if (Thread.currentThread().isInterrupted()) {
          break; // the queue's poll throws
        }
        LockSupport.parkNanos(this, until - now);
      }
    } finally {
      sleeper = null;
    }
    return System.nanoTime() - start;
  }

  @Override
  public void close() {
    if (!finished && !cancelled) {
      cancelled = true;
      onCancel.run();
    }
  }

  /** Whether the reader gave up; producers stop at the next token. */
  public boolean cancelled() {
    return cancelled;
  }

  public void emit(ChatEvent event) {
    events.add(event);
    if (event instanceof ChatEvent.Finished) {
      wakeSleeper();
    }
  }

  public void fail(ServeException failure) {
    events.add(failure);
    wakeSleeper();
  }

  private void wakeSleeper() {
    ending = true;
    Thread t = sleeper;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }
}
