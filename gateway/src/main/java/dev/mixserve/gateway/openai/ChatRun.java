package dev.mixserve.gateway.openai;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.Generation;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.metrics.DeploymentMetrics;
import dev.mixserve.gateway.auth.Grant;
import java.time.Duration;

/**
 * Reads a generation's events under the request deadline, recording the chat metrics and charging
 * the tokens to the caller's key. Of several answers to one prompt, one charges the prompt: the
 * others share it.
 */
public final class ChatRun {
  private final Generation generation;
  private final DeploymentMetrics metrics;
  private final Grant grant;
  private final long received;
  private final long deadline;
  private final boolean chargesPrompt;
  private long lastPiece;

  ChatRun(
      Generation generation,
      DeploymentMetrics metrics,
      Grant grant,
      long received,
      Duration timeout,
      boolean chargesPrompt) {
    this.generation = generation;
    this.metrics = metrics;
    this.grant = grant;
    this.received = received;
    this.deadline = received + timeout.toNanos();
    this.chargesPrompt = chargesPrompt;
  }

  /** The next event, or null after {@code wait} without one. */
  ChatEvent next(Duration wait) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw ServeException.timeout(
          "generation did not finish within the deadline of "
              + Duration.ofNanos(deadline - received).toMillis()
              + " ms");
    }
    ChatEvent e;
    try {
      e = generation.poll(Duration.ofNanos(Math.min(wait.toNanos(), left)));
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw ServeException.unavailable("request interrupted", 1);
    }
    record(e);
    return e;
  }

  private void record(ChatEvent e) {
    long now = System.nanoTime();
    switch (e) {
      case null -> {}
      case ChatEvent.Started s -> {
        metrics.queue().observeNanos(s.queued().toNanos());
        if (chargesPrompt) {
          metrics.chat().promptTokens().add(s.promptTokens());
          grant.charge(s.promptTokens());
        }
      }
      case ChatEvent.Prompt p -> {}
      case ChatEvent.Piece p -> {
        // The engine's times, not when this thread took the piece: a stream interval groups them.
        long made = Math.min(now, p.madeNanos());
        if (lastPiece == 0) {
          metrics.chat().timeToFirstToken().observeNanos(made - received);
        } else {
          metrics.chat().interToken().observeNanos(Math.max(0, made - lastPiece));
        }
        lastPiece = made;
      }
      case ChatEvent.Finished f -> {
        metrics.chat().completionTokens().add(f.result().completionTokens());
        grant.charge(f.result().completionTokens());
      }
    }
  }
}
