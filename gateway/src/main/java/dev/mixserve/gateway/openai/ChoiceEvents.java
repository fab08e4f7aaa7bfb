package dev.mixserve.gateway.openai;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatResult;
import java.time.Duration;
import java.util.List;

/** The events of every choice of one answer, each tagged with its choice's index. */
interface ChoiceEvents extends AutoCloseable {
  record Event(int choice, ChatEvent event) {}

  /** The next event, or null after {@code wait} without one. */
  Event next(Duration wait);

  @Override
  void close();

  /** One choice is read on the request's thread; several through a {@link ChoiceQueue}. */
  static ChoiceEvents of(List<ChatRun> runs) {
    if (runs.size() > 1) {
      return new ChoiceQueue(runs);
    }
    ChatRun run = runs.getFirst();
    return new ChoiceEvents() {
      @Override
      public Event next(Duration wait) {
        ChatEvent e = run.next(wait);
        return e == null ? null : new Event(0, e);
      }

      @Override
      public void close() {}
    };
  }

  /** Runs every choice to its end without streaming; the results in choice order. */
  static List<ChatResult> toEnd(ChoiceEvents events, int choices) {
    var results = new ChatResult[choices];
    int finished = 0;
    while (finished < choices) {
      if (events.next(Duration.ofSeconds(1)) instanceof Event(int k, ChatEvent.Finished f)) {
        results[k] = f.result();
        finished++;
      }
    }
    return List.of(results);
  }
}
