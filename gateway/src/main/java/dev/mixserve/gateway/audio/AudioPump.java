package dev.mixserve.gateway.audio;

import dev.mixserve.api.engine.SpeechEngine.AudioSink;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Runs a speech engine on its own virtual thread and hands its audio to the caller's thread, which
 * writes it to the client, so that the engine never waits on the socket. Loopback TCP does the
 * receiver's work in the sender's thread: written from the engine's thread, FreeTTS spent 0.5 ms of
 * a 4 ms sentence in socket writes (the audio benchmark), now overlapped with synthesis.
 *
 * <p>Samples are gathered into pieces of {@link #PIECE} before they cross threads (FreeTTS hands
 * over 512 samples at a time, and each hand-over may wake the writer); the first piece goes at
 * once, for the time to first audio. The queue is bounded, so a slow client still slows the engine
 * instead of filling memory.
 */
public final class AudioPump implements AudioSink {
  static final int PIECE = 8 * 1024;
  private static final int DEPTH = 64;

  private final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
  private volatile RuntimeException writeFailure;
  private boolean interrupted;
  private short[] piece = new short[0];
  private int filled;
  private boolean first = true;

  /** What the engine thread leaves last: its failure, or none. */
  private record End(RuntimeException failure) {}

  /** Where the audio goes: pieces in order, then a flush after each group that arrived at once. */
  interface Out {
    void send(short[] samples);

    /** {@code last}: the engine has finished, so nothing follows what was sent. */
    void flush(boolean last);
  }

  /**
   * Starts {@code engine} (which speaks into this sink) on a virtual thread and passes every piece
   * to {@code out} on the calling thread, in order, until the engine returns. Rethrows what the
   * writer threw (once the engine has stopped), else what the engine threw.
   */
  void run(Runnable engine, Out out) {
    Thread.ofVirtual()
        .name("speak")
        .start(
            () -> {
              RuntimeException failure = null;
              try {
                engine.run();
                flushPiece();
              } catch (RuntimeException e) {
                failure = e;
              } catch (Error e) {
                failure = new IllegalStateException("speech engine failed: " + e, e);
              }
              put(new End(failure));
            });
    var drained = new ArrayList<Object>(DEPTH);
    End end = null;
    while (end == null) {
      take(drained);
      boolean sent = false;
      for (Object o : drained) {
        if (o instanceof End e) {
          end = e;
        } else if (writeFailure == null) {
          write(() -> out.send((short[]) o));
          sent = true;
        }
      }
      if (sent && writeFailure == null) { // no flush before the first piece: errors stay JSON
        boolean last = end != null;
        write(() -> out.flush(last));
      }
      drained.clear();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (writeFailure != null) {
      throw writeFailure; // the client is gone; what the engine made of that matters less
    }
    if (end.failure() != null) {
      throw end.failure();
    }
  }

  private void write(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      writeFailure = e; // the engine sees it at its next piece and stops
    }
  }

  @Override
  public void accept(short[] samples) {
    if (writeFailure != null) {
      throw writeFailure instanceof UncheckedIOException u
          ? u
          : new IllegalStateException("the client stopped receiving", writeFailure);
    }
    if (first) {
      first = false;
      put(samples.clone());
      return;
    }
    int at = 0;
    while (at < samples.length) {
      if (piece.length == 0) {
        piece = new short[PIECE];
      }
      int n = Math.min(samples.length - at, piece.length - filled);
      System.arraycopy(samples, at, piece, filled, n);
      filled += n;
      at += n;
      if (filled == piece.length) {
        flushPiece();
      }
    }
  }

  private void flushPiece() {
    if (filled > 0) {
      put(filled == piece.length ? piece : java.util.Arrays.copyOf(piece, filled));
      piece = new short[0];
      filled = 0;
    }
  }

  private void put(Object o) {
    try {
      queue.put(o);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while passing audio on", e);
    }
  }

  /**
   * Blocks for one item, then takes whatever else is there, so one write carries it all. An
   * interrupt (the client left) counts as a failed write: the engine stops at its next piece, and
   * the queue is still read until it does, or the engine would wait on a full queue for ever and
   * hold its engine from every request after.
   */
  private void take(ArrayList<Object> into) {
    while (true) {
      try {
        into.add(queue.take());
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        if (writeFailure == null) {
          writeFailure =
              new UncheckedIOException(new java.io.IOException("the client went away", e));
        }
      }
    }
    queue.drainTo(into);
  }
}
