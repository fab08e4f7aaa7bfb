package dev.mixserve.gateway.openai;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Several choices read as one: a virtual thread per choice polls its generation and hands the
 * events, tagged, to the request's thread. A choice's failure fails the answer.
 */
final class ChoiceQueue implements ChoiceEvents {
  private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final List<Thread> readers = new ArrayList<>();

  ChoiceQueue(List<ChatRun> runs) {
    for (int k = 0; k < runs.size(); k++) {
      int choice = k;
      ChatRun run = runs.get(k);
      readers.add(Thread.ofVirtual().name("choice-" + k).start(() -> pump(choice, run)));
    }
  }

  private void pump(int choice, ChatRun run) {
    try {
      ChatEvent e;
      do {
        e = run.next(ChatStream.KEEP_ALIVE);
        if (e != null) {
          events.add(new Event(choice, e));
        }
      } while (!(e instanceof ChatEvent.Finished) && !Thread.currentThread().isInterrupted());
    } catch (ServeException failure) {
      events.add(failure);
    }
  }

  @Override
  public Event next(Duration wait) {
    Object e;
    try {
      e = events.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw ServeException.unavailable("request interrupted", 1);
    }
    if (e instanceof ServeException failure) {
      throw failure;
    }
    return (Event) e;
  }

  /** Stops the readers; the caller closes the generations. */
  @Override
  public void close() {
    readers.forEach(Thread::interrupt);
  }
}
