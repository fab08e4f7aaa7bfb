package dev.mixserve.engine.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.ChatResult.FinishReason;
import dev.mixserve.api.engine.chat.QueuedGeneration;
import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One generation as the dispatcher thread sees it. Only the dispatcher touches the native iterator;
 * the request thread reads events from {@link #out}.
 */
final class Job {
  final QueuedGeneration out;
  private final InferenceParameters params;
  private final int promptTokens;
  private final int maxTokens;
  private final long createdNanos = System.nanoTime();
  private final StringBuilder text = new StringBuilder();
  private LlamaIterator iterator;
  private long startedNanos;
  private long firstTokenNanos;
  private int tokens;

  /** {@code onCancel} runs on the reader's thread when it gives up early. */
  Job(InferenceParameters params, int promptTokens, int maxTokens, Consumer<Job> onCancel) {
    this.out = new QueuedGeneration(() -> onCancel.accept(this));
    this.params = params;
    this.promptTokens = promptTokens;
    this.maxTokens = maxTokens;
  }

  /** Hands the request to llama.cpp, which puts it in a free slot. */
  void begin(LlamaModel model) {
    startedNanos = System.nanoTime();
    iterator = model.generate(params).iterator();
    out.emit(new ChatEvent.Started(Duration.ofNanos(startedNanos - createdNanos), promptTokens));
  }

  /**
   * Waits for this job's next token (one native batch step at most) and passes it on; true when the
   * job is over. llama.cpp sends one output per token, then a last one marked stop.
   */
  boolean step() {
    LlamaOutput o;
    try {
      o = iterator.next();
    } catch (RuntimeException e) {
      out.fail(ServeException.engineFailure("llama.cpp: " + e.getMessage(), e));
      return true;
    }
    if (!o.text.isEmpty()) {
      text.append(o.text);
      out.emit(new ChatEvent.Piece(o.text));
    }
    if (!iterator.hasNext()) {
      finish();
      return true;
    }
    if (tokens++ == 0) {
      firstTokenNanos = System.nanoTime();
    }
    return false;
  }

  /** Stops the native task; its slot is free for the next batch step. */
  void cancel() {
    if (iterator != null) {
      iterator.cancel();
    }
  }

  int tokens() {
    return tokens;
  }

  private void finish() {
    // The binding does not pass llama.cpp's stop type on; reaching the limit is the only LENGTH.
    FinishReason why = tokens >= maxTokens ? FinishReason.LENGTH : FinishReason.STOP;
    out.emit(
        new ChatEvent.Finished(
            new ChatResult(
                text.toString(),
                why,
                promptTokens,
                tokens,
                Duration.ofNanos(startedNanos - createdNanos),
                Duration.ofNanos(Math.max(0, firstTokenNanos - startedNanos)))));
  }
}
