package dev.mixserve.core.echo;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.ChatResult.FinishReason;
import dev.mixserve.api.engine.chat.Message;
import dev.mixserve.api.engine.chat.QueuedGeneration;
import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The echo engine's chat: streams back the last user message (or the prompt) word by word, one word
 * per token, without its directives. {@code @stream=N} makes it N words long (the words repeat),
 * {@code @delay=} waits before the first word, {@code @fail} fails; max_tokens and stop sequences
 * are honoured like a real model's.
 */
final class EchoChat {
  static final int CONTEXT = 8192;

  private EchoChat() {}

  static int countTokens(ChatRequest r) {
    return switch (r.input()) {
      case ChatRequest.Input.Prompt p -> words(p.text()).size();
      case ChatRequest.Input.Tokens t -> t.ids().size();
      case ChatRequest.Input.Messages m ->
          m.messages().stream().mapToInt(x -> words(x.content()).size()).sum();
    };
  }

  /** Produces the events of one generation; runs on its own virtual thread. */
  static void run(ChatRequest r, QueuedGeneration out) {
    int prompt = countTokens(r);
    String text = source(r);
    Directives directives = Directives.of(text);
    try {
      directives.apply();
    } catch (ServeException e) {
      out.fail(e);
      return;
    }
    out.emit(new ChatEvent.Started(Duration.ZERO, prompt));
    List<String> reply = reply(text, directives.stream());
    int limit = r.maxTokens() == null ? CONTEXT - prompt : r.maxTokens();
    // The whole answer is known up front, so the stop cut is made first and the stream is
    // exactly the non-streamed text, as with a real engine that holds back partial stop matches.
    String all = "";
    int tokens = 0;
    FinishReason why = FinishReason.STOP;
    for (String word : reply) {
      if (tokens == limit) {
        why = FinishReason.LENGTH;
        break;
      }
      all = tokens++ == 0 ? word : all + " " + word;
      int cut = stopAt(all, r.stop());
      if (cut >= 0) {
        all = all.substring(0, cut);
        break;
      }
    }
    stream(out, all, directives.pace());
    finish(out, all, why, prompt, tokens);
  }

  private static void stream(QueuedGeneration out, String text, Duration pace) {
    int from = 0;
    while (from < text.length() && !out.cancelled()) {
      if (from > 0 && !pace.isZero() && !sleep(pace)) {
        return;
      }
      int next = text.indexOf(' ', from + 1);
      int to = next < 0 ? text.length() : next;
      out.emit(new ChatEvent.Piece(text.substring(from, to)));
      from = to;
    }
  }

  /** False when interrupted: the generation is being stopped. */
  private static boolean sleep(Duration pace) {
    try {
      Thread.sleep(pace);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void finish(
      QueuedGeneration out, String text, FinishReason why, int prompt, int tokens) {
    out.emit(
        new ChatEvent.Finished(
            new ChatResult(text, why, prompt, tokens, Duration.ZERO, Duration.ZERO)));
  }

  private static int stopAt(String text, List<String> stops) {
    int cut = -1;
    for (String s : stops) {
      int i = text.indexOf(s);
      if (i >= 0 && (cut < 0 || i < cut)) {
        cut = i;
      }
    }
    return cut;
  }

  private static String source(ChatRequest r) {
    return switch (r.input()) {
      case ChatRequest.Input.Prompt p -> p.text();
      // Without a vocabulary the ids are the words.
      case ChatRequest.Input.Tokens t ->
          String.join(" ", t.ids().stream().map(String::valueOf).toList());
      case ChatRequest.Input.Messages m ->
          m.messages().reversed().stream()
              .filter(x -> x.role() == Message.Role.USER)
              .findFirst()
              .map(Message::content)
              .orElse("");
    };
  }

  private static List<String> reply(String text, int count) {
    List<String> words = words(text);
    if (count <= 0) {
      return words;
    }
    List<String> base = words.isEmpty() ? List.of("echo") : words;
    var out = new ArrayList<String>(count);
    for (int i = 0; i < count; i++) {
      out.add(base.get(i % base.size()));
    }
    return out;
  }

  /** Whitespace-separated words, directives (words starting with @) left out. */
  static List<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s+"))
        .filter(w -> !w.isEmpty() && !w.startsWith("@"))
        .toList();
  }
}
