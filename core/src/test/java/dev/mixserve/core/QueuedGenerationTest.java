package dev.mixserve.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.ChatResult.FinishReason;
import dev.mixserve.api.engine.chat.QueuedGeneration;
import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine-to-request hand-off, with and without a stream interval. */
class QueuedGenerationTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void withoutAnIntervalAPieceIsTakenAsSoonAsItIsMade() throws Exception {
    var g = afterOnePiece(Duration.ZERO);
    later(50, () -> g.emit(new ChatEvent.Piece("b")));
    long t0 = System.nanoTime();
    assertThat(text(g.poll(LONG))).isEqualTo("b");
    assertThat(millisSince(t0)).isLessThan(5_000);
  }

  @Test
  void piecesMadeWithinTheIntervalAreTakenTogetherAfterIt() throws Exception {
    var g = new QueuedGeneration(() -> {}, Duration.ofMillis(400));
    g.emit(new ChatEvent.Piece("a"));
    ChatEvent a = g.poll(LONG);
    long taken = System.nanoTime(); // before anything slow, such as a first assertion
    assertThat(text(a)).isEqualTo("a");
    later(20, () -> g.emit(new ChatEvent.Piece("b")));
    later(40, () -> g.emit(new ChatEvent.Piece("c")));
    assertThat(text(g.poll(LONG))).isEqualTo("b");
    assertThat(millisSince(taken)).isGreaterThanOrEqualTo(390);
    assertThat(text(g.poll(Duration.ZERO))).isEqualTo("c"); // already there: one group
  }

  @Test
  void aPieceAlreadyWaitingIsTakenAtOnce() throws Exception {
    var g = new QueuedGeneration(() -> {}, Duration.ofSeconds(20));
    g.emit(new ChatEvent.Piece("a"));
    g.emit(new ChatEvent.Piece("b"));
    assertThat(text(g.poll(LONG))).isEqualTo("a");
    long t0 = System.nanoTime();
    assertThat(text(g.poll(LONG))).isEqualTo("b");
    assertThat(millisSince(t0)).isLessThan(5_000);
  }

  @Test
  void theEndDoesNotWaitOutTheInterval() throws Exception {
    var g = afterOnePiece(Duration.ofSeconds(20));
    later(100, () -> g.emit(new ChatEvent.Finished(result())));
    long t0 = System.nanoTime();
    assertThat(g.poll(LONG)).isInstanceOf(ChatEvent.Finished.class);
    assertThat(millisSince(t0)).isLessThan(5_000);
  }

  @Test
  void aFailureDoesNotWaitOutTheInterval() throws Exception {
    var g = afterOnePiece(Duration.ofSeconds(20));
    later(100, () -> g.fail(ServeException.unavailable("going away", 1)));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> g.poll(LONG)).hasMessageContaining("going away");
    assertThat(millisSince(t0)).isLessThan(5_000);
  }

  @Test
  void theSleepEndsWithTheCallersTimeout() throws Exception {
    var g = afterOnePiece(Duration.ofSeconds(20));
    long t0 = System.nanoTime();
    assertThat(g.poll(Duration.ofMillis(200))).isNull(); // a keep-alive is due
    assertThat(millisSince(t0)).isBetween(200L, 5_000L);
  }

  @Test
  void piecesCarryTheTimeTheyWereMade() throws Exception {
    var g = new QueuedGeneration(() -> {}, Duration.ofMillis(300));
    g.emit(new ChatEvent.Piece("a"));
    g.poll(LONG);
    long before = System.nanoTime();
    later(20, () -> g.emit(new ChatEvent.Piece("b")));
    var b = (ChatEvent.Piece) g.poll(LONG);
    long after = System.nanoTime();
    // Made ~20 ms in, taken only when the 300 ms interval was over.
    assertThat(TimeUnit.NANOSECONDS.toMillis(b.madeNanos() - before)).isLessThan(250);
    assertThat(TimeUnit.NANOSECONDS.toMillis(after - before)).isGreaterThanOrEqualTo(250);
  }

  // A generation whose reader has just taken its first piece, "a".
  private static QueuedGeneration afterOnePiece(Duration interval) throws Exception {
    var g = new QueuedGeneration(() -> {}, interval);
    g.emit(new ChatEvent.Piece("a"));
    assertThat(text(g.poll(LONG))).isEqualTo("a");
    return g;
  }

  private static String text(ChatEvent e) {
    return ((ChatEvent.Piece) e).text();
  }

  private static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private static void later(long millis, Runnable r) {
    CompletableFuture.runAsync(r, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
  }

  private static ChatResult result() {
    return new ChatResult("a", FinishReason.STOP, 1, 1, Duration.ZERO, Duration.ZERO);
  }
}
