package dev.mixserve.engine.llama;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.ChatResult.FinishReason;
import dev.mixserve.api.engine.chat.Logprob;
import dev.mixserve.api.engine.chat.QueuedGeneration;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
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

  /** Alternatives per token when logprobs are asked for, else null. */
  final Integer logprobs;

  /** The prompt's tokens with their logprobs, filled as it is read, when asked for; else null. */
  final List<Logprob> promptLogprobs;

  /**
   * Whether the prompt's text starts with a space: if not, the space a SentencePiece vocabulary
   * puts before the first word is not the user's, and the first token is shown without it.
   */
  final boolean promptStartsWithSpace;

  private final MemorySegment sampler;
  private final List<Logprob> unsent = new ArrayList<>(); // tokens whose text no piece carried yet
  private final List<Logprob> sent = new ArrayList<>();
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

  /** Batch index of this step's first prompt token. */
  int chunkStart;

  int generated;

  /**
   * For one of several answers to one prompt: the job that decodes the prompt, until its last chunk
   * is in a step; this one then gets a copy of that sequence and samples from its logits. Null once
   * forked, and for a job that reads its prompt itself.
   */
  Job leader;

  /** {@code onCancel} runs on the reader's thread when it gives up early. */
  Job(
      int[] prompt,
      int maxTokens,
      List<String> stops,
      MemorySegment sampler,
      Integer logprobs,
      boolean promptLogprobs,
      boolean promptStartsWithSpace,
      Duration streamInterval,
      Consumer<Job> onCancel) {
    this.out = new QueuedGeneration(() -> onCancel.accept(this), streamInterval);
    this.prompt = prompt;
    this.maxTokens = maxTokens;
    this.text = new TextOut(stops);
    this.sampler = sampler;
    this.logprobs = logprobs;
    this.promptLogprobs = promptLogprobs ? new ArrayList<>() : null;
    this.promptStartsWithSpace = promptStartsWithSpace;
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
      LlamaSamplers.freeSampler(sampler);
    }
  }

  /** The prompt is read: its logprobs go out, when asked for, before the first piece. */
  void promptRead() {
    if (promptLogprobs != null && generated == 0) {
      out.emit(new ChatEvent.Prompt(promptLogprobs));
    }
  }

  /** Takes the sampled token's bytes and logprob (or null); true when the generation is over. */
  boolean accept(int token, byte[] bytes, Logprob logprob) {
    if (generated++ == 0) {
      firstTokenNanos = System.nanoTime();
    }
    if (logprob != null) {
      unsent.add(logprob);
    }
    emit(text.add(bytes, bytes.length));
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

  // A piece carries the logprobs of the tokens since the last one, so that streamed and whole
  // answers list the same tokens.
  private void emit(String piece) {
    if (!piece.isEmpty()) {
      List<Logprob> with = List.copyOf(unsent);
      sent.addAll(with);
      unsent.clear();
      out.emit(new ChatEvent.Piece(piece, System.nanoTime(), with));
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
                Duration.ofNanos(Math.max(0, firstTokenNanos - startedNanos)),
                sent,
                promptLogprobs)));
  }
}
