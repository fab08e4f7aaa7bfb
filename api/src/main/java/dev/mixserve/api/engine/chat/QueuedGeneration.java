package dev.mixserve.api.engine.chat;

import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Generation} fed by an engine thread through a queue: the engine calls the producer
 * methods, the request thread polls. Engines share it so that every one hands events over the same
 * way and cancellation is a flag the producer checks between tokens.
 */
public final class QueuedGeneration implements Generation {
  private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final Runnable onCancel;
  private volatile boolean cancelled;
  private volatile boolean finished;

  /** {@code onCancel} runs once, on the closing thread, when a running generation is cancelled. */
  public QueuedGeneration(Runnable onCancel) {
    this.onCancel = onCancel;
  }

  @Override
  public ChatEvent poll(Duration timeout) throws InterruptedException {
    Object e = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (e instanceof ServeException failure) {
      finished = true;
      throw failure;
    }
    if (e instanceof ChatEvent.Finished) {
      finished = true;
    }
    return (ChatEvent) e;
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
  }

  public void fail(ServeException failure) {
    events.add(failure);
  }
}
