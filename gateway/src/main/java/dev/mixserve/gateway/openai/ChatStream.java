package dev.mixserve.gateway.openai;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.Logprob;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.gateway.http.SseWriter;
import dev.mixserve.gateway.http.StreamCut;
import dev.mixserve.protocol.openai.ChatChunk;
import dev.mixserve.protocol.openai.ChatCompletionRequest;
import dev.mixserve.protocol.openai.ChatCompletionResponse;
import dev.mixserve.protocol.openai.OpenAiError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One streamed answer, of one choice or several. Pieces that are already waiting when one is
 * written go out together, one chunk per choice (a "small group"); otherwise every piece is its own
 * chunk, written as it comes. While no event comes (queued for a slot, long prompt), a keep-alive
 * comment goes out every second. The usage chunk and [DONE] follow the last choice's end.
 *
 * <p>When the server must go away before the answer is done ({@link StreamCut}), the stream ends
 * with what it has, a chunk with finish_reason {@value #CUT_SHORT} per unfinished choice, and an
 * error event (OpenAI's error object, type server_error, code service_unavailable), without [DONE].
 * OpenAI has no finish_reason for this: "stop" would say the answer is whole and "length" that
 * max_tokens cut it, which a client might act on by raising it. "abort" is what vLLM and SGLang
 * report for an aborted request, so clients of OpenAI-compatible servers already meet it; the error
 * event is what OpenAI's SDKs raise on.
 */
public final class ChatStream {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

  /** The finish_reason of an answer the server ended before the model did. */
  static final String CUT_SHORT = "abort";

  private final SseWriter sse;
  private final ChoiceEvents events;
  private final ChatChunk chunks;
  private final ChatCompletionRequest req;
  private final StreamCut cut;
  private final StringBuilder[] text; // per choice: pieces not written yet
  private final List<List<Logprob>> tokens; // per choice: their tokens
  private final int[] offsets; // per choice: text_offset of the next token
  private final ChatResult[] results;
  private int finished;

  ChatStream(
      SseWriter sse,
      ChoiceEvents events,
      ChatChunk chunks,
      ChatCompletionRequest req,
      StreamCut cut) {
    this.sse = sse;
    this.events = events;
    this.chunks = chunks;
    this.req = req;
    this.cut = cut;
    int choices = req.choices();
    this.text = new StringBuilder[choices];
    this.tokens = new ArrayList<>(choices);
    this.offsets = new int[choices];
    this.results = new ChatResult[choices];
    for (int k = 0; k < choices; k++) {
      text[k] = new StringBuilder();
      tokens.add(new ArrayList<>());
      offsets[k] = req.echoed(k).length();
    }
  }

  void run() {
    try (sse) {
      try {
        stream();
      } catch (ServeException e) {
        if (!sse.opened()) {
          throw e;
        }
        sse.data(OpenAiError.body(e)); // mid-stream: the status is already 200
      }
    }
  }

  private void stream() {
    ChoiceEvents.Event e = events.next(KEEP_ALIVE);
    while (true) {
      ServeException why = cut.reason();
      if (why != null && !(e != null && e.event() instanceof ChatEvent.Finished)) {
        hold(e);
        end(why);
        return;
      }
      if (hold(e)) {
        ChoiceEvents.Event more = events.next(Duration.ZERO);
        e = more != null ? more : flushThenNext();
        continue;
      }
      flush();
      if (e == null) {
        sse.keepAlive();
      } else if (e.event() instanceof ChatEvent.Started) {
        started(e.choice());
      } else if (e.event() instanceof ChatEvent.Prompt p) {
        sse.data(chunks.content(e.choice(), req.echoed(e.choice()), p.logprobs(), 0));
      } else if (e.event() instanceof ChatEvent.Finished f && finished(e.choice(), f.result())) {
        return;
      }
      e = events.next(KEEP_ALIVE);
    }
  }

  // Keeps a piece for the next flush; false for any other event.
  private boolean hold(ChoiceEvents.Event e) {
    if (e == null || !(e.event() instanceof ChatEvent.Piece p)) {
      return false;
    }
    text[e.choice()].append(p.text());
    tokens.get(e.choice()).addAll(p.logprobs());
    return true;
  }

  private void started(int choice) {
    if (req.chat()) {
      sse.data(chunks.role(choice));
    } else if (req.echo() && !req.promptLogprobs()) {
      // with logprobs the echoed prompt waits for its tokens' logprobs (ChatEvent.Prompt)
      sse.data(chunks.content(choice, req.echoed(choice), List.of(), 0));
    }
  }

  // Writes the choice's end; true when it was the last choice's, and the answer is done.
  private boolean finished(int choice, ChatResult result) {
    results[choice] = result;
    sse.data(chunks.finish(choice, result.finishReason().id()));
    if (++finished < results.length) {
      return false;
    }
    if (chunks.includesUsage()) {
      sse.data(chunks.usage(ChatCompletionResponse.Usage.of(List.of(results), req.n())));
    }
    sse.done();
    return true;
  }

  /** Ends the answer early: what it has, a last chunk per unfinished choice, and why. */
  private void end(ServeException why) {
    if (!sse.opened()) {
      throw why; // nothing sent yet: a plain 503 with Retry-After says it best
    }
    flush();
    for (int k = 0; k < results.length; k++) {
      if (results[k] == null) {
        sse.data(chunks.finish(k, CUT_SHORT));
      }
    }
    sse.data(OpenAiError.body(why));
  }

  private ChoiceEvents.Event flushThenNext() {
    flush();
    return events.next(KEEP_ALIVE);
  }

  private void flush() {
    for (int k = 0; k < text.length; k++) {
      if (!text[k].isEmpty()) {
        List<Logprob> t = tokens.get(k);
        sse.data(chunks.content(k, text[k].toString(), t, offsets[k]));
        for (Logprob lp : t) {
          offsets[k] += lp.token().length();
        }
        text[k].setLength(0);
        t.clear();
      }
    }
  }
}
