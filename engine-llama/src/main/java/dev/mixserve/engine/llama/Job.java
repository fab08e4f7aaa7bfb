package dev.mixserve.engine.llama;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.ChatResult.FinishReason;
import dev.mixserve.api.engine.chat.QueuedGeneration;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One generation as the decoder thread sees it: its prompt, where it stands in its KV-cache
 * sequence, its sampler and its text. The request thread reads events from {@link #out}.
 */
final class Job {
  final QueuedGeneration out;
  final int[] prompt;
  final int maxTokens;
  final TextOut text;
  private final MemorySegment sampler;
  private final AtomicBoolean samplerFreed = new AtomicBoolean();
  private final long createdNanos = System.nanoTime();
  private long startedNanos;
  private long firstTokenNanos;

  /** The KV-cache sequence (slot) while running, else -1. */
  int sequence = -1;

  /** Prompt tokens already decoded. */
  int fed;

  /** Position of the next token to decode; after the prompt, the last sampled token's. */
  int position;

  /** The token sampled last, decoded in the next step. */
  int last;

  /** Prompt tokens in this step's batch. */
  int chunk;

  /** Index of this job's logits in this step's batch, or -1 when the step gives it none. */
  int output = -1;

  int generated;

  /** {@code onCancel} runs on the reader's thread when it gives up early. */
  Job(
      int[] prompt,
      int maxTokens,
      List<String> stops,
      MemorySegment sampler,
      Duration streamInterval,
      Consumer<Job> onCancel) {
    this.out = new QueuedGeneration(() -> onCancel.accept(this), streamInterval);
    this.prompt = prompt;
    this.maxTokens = maxTokens;
    this.text = new TextOut(stops);
    this.sampler = sampler;
  }

  void begin(int sequence) {
    this.sequence = sequence;
    startedNanos = System.nanoTime();
    out.emit(new ChatEvent.Started(Duration.ofNanos(startedNanos - createdNanos), prompt.length));
  }

  boolean prefilling() {
    return fed < prompt.length;
  }

  MemorySegment sampler() {
    return sampler;
  }

  /** Frees the native sampler; safe to call more than once, from any thread. */
  void freeSampler() {
    if (samplerFreed.compareAndSet(false, true)) {
      Llama.freeSampler(sampler);
    }
  }

  /** Takes the sampled token's bytes; true when the generation is over. */
  boolean accept(int token, byte[] bytes, int length) {
    if (generated++ == 0) {
      firstTokenNanos = System.nanoTime();
    }
    emit(text.add(bytes, length));
    if (text.stopped()) {
      finish(FinishReason.STOP);
      return true;
    }
    if (generated >= maxTokens) {
      finish(FinishReason.LENGTH);
      return true;
    }
    last = token;
    return false;
  }

  /** The model ended its answer (an end-of-generation token, which is not text). */
  void endOfText() {
    if (generated++ == 0) {
      firstTokenNanos = System.nanoTime();
    }
    finish(FinishReason.STOP);
  }

  private void emit(String piece) {
    if (!piece.isEmpty()) {
      out.emit(new ChatEvent.Piece(piece));
    }
  }

  private void finish(FinishReason why) {
    emit(text.finish());
    out.emit(
        new ChatEvent.Finished(
            new ChatResult(
                text.text(),
                why,
                prompt.length,
                generated,
                Duration.ofNanos(startedNanos - createdNanos),
                Duration.ofNanos(Math.max(0, firstTokenNanos - startedNanos)))));
  }
}
