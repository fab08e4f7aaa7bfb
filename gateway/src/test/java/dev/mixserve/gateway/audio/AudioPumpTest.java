package dev.mixserve.gateway.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AudioPumpTest {
  /** Records what reaches the writer: pieces in order, and how many flushes. */
  static final class Recorder implements AudioPump.Out {
    final List<short[]> pieces = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    final List<Boolean> lasts = new ArrayList<>();
    int flushes;

    @Override
    public void send(short[] samples) {
      pieces.add(samples);
      threads.add(Thread.currentThread());
    }

    @Override
    public void flush(boolean last) {
      lasts.add(last);
      flushes++;
    }

    short[] all() {
      int n = pieces.stream().mapToInt(p -> p.length).sum();
      short[] out = new short[n];
      int at = 0;
      for (short[] p : pieces) {
        System.arraycopy(p, 0, out, at, p.length);
        at += p.length;
      }
      return out;
    }
  }

  private static short[] ramp(int from, int n) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) (from + i);
    }
    return s;
  }

  @Test
  void everySampleArrivesInOrderOnTheCallersThreadAndTheFirstChunkAlone() {
    var pump = new AudioPump();
    var out = new Recorder();
    var engineThread = new Thread[1];
    pump.run(
        () -> {
          engineThread[0] = Thread.currentThread();
          for (int i = 0; i < 100; i++) {
            pump.accept(ramp(i * 512, 512)); // FreeTTS's chunk size
          }
        },
        out);
    assertArrayEquals(ramp(0, 100 * 512), out.all());
    assertEquals(512, out.pieces.getFirst().length, "the first chunk goes on at once, alone");
    assertEquals(AudioPump.PIECE, out.pieces.get(1).length, "later ones travel in whole pieces");
    assertTrue(out.pieces.size() <= 2 + 100 * 512 / AudioPump.PIECE);
    assertTrue(out.flushes >= 1);
    assertTrue(out.threads.stream().allMatch(t -> t == Thread.currentThread()));
    assertNotEquals(Thread.currentThread(), engineThread[0]);
  }

  @Test
  void anEngineFailureReachesTheCallerAfterTheAudioBeforeIt() {
    var pump = new AudioPump();
    var out = new Recorder();
    var boom = new IllegalArgumentException("unknown voice");
    var thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                pump.run(
                    () -> {
                      pump.accept(ramp(0, 10));
                      throw boom;
                    },
                    out));
    assertSame(boom, thrown);
    assertArrayEquals(ramp(0, 10), out.all());
  }

  /** A WAV header may carry real sizes only when nothing can follow; the pump must not lie. */
  @Test
  void onlyAFlushAfterTheEngineFinishedSaysItIsTheLast() {
    for (int round = 0; round < 50; round++) {
      var pump = new AudioPump();
      var out = new Recorder();
      pump.run(
          () -> {
            for (int i = 0; i < 20; i++) {
              pump.accept(ramp(i * 512, 512));
            }
          },
          out);
      assertTrue(out.lasts.subList(0, out.lasts.size() - 1).stream().noneMatch(b -> b));
    }
  }

  @Test
  void aFailureBeforeAnyAudioFlushesNothingSoTheErrorCanStillBeJson() {
    var out = new Recorder();
    var boom = new IllegalArgumentException("unknown voice");
    for (int i = 0; i < 200; i++) { // the end marker may come alone or after nothing at all
      var pump = new AudioPump();
      assertThrows(
          IllegalArgumentException.class,
          () ->
              pump.run(
                  () -> {
                    throw boom;
                  },
                  out));
    }
    assertEquals(0, out.flushes);
    assertEquals(0, out.pieces.size());
  }

  @Test
  void aFailedWriteStopsTheEngineAndIsRethrown() {
    var pump = new AudioPump();
    var broken = new UncheckedIOException(new java.io.IOException("broken pipe"));
    var written = new AtomicInteger();
    var offered = new AtomicInteger();
    var out =
        new AudioPump.Out() {
          @Override
          public void send(short[] samples) {
            written.incrementAndGet();
            throw broken;
          }

          @Override
          public void flush(boolean last) {}
        };
    var thrown =
        assertThrows(
            UncheckedIOException.class,
            () ->
                pump.run(
                    () -> {
                      for (int i = 0; i < 100_000; i++) { // far more than the queue holds
                        offered.incrementAndGet();
                        pump.accept(ramp(0, AudioPump.PIECE));
                      }
                    },
                    out));
    assertSame(broken, thrown);
    assertEquals(1, written.get(), "nothing is written after the first failure");
    assertTrue(offered.get() < 1000, "the engine stopped soon: " + offered.get());
  }

  /** The client left (the front door interrupts the request's thread): the engine is let go. */
  @Test
  void anInterruptedCallerStopsTheEngineInsteadOfLeavingItBlocked() throws Exception {
    var pump = new AudioPump();
    var engineDone = new java.util.concurrent.CountDownLatch(1);
    var offered = new AtomicInteger();
    var caller = Thread.currentThread();
    var thrown =
        assertThrows(
            UncheckedIOException.class,
            () ->
                pump.run(
                    () -> {
                      try {
                        for (int i = 0; i < 100_000; i++) {
                          if (i == 10) {
                            caller.interrupt();
                          }
                          offered.incrementAndGet();
                          pump.accept(ramp(0, AudioPump.PIECE));
                        }
                      } finally {
                        engineDone.countDown();
                      }
                    },
                    new AudioPump.Out() {
                      @Override
                      public void send(short[] samples) {
                        try {
                          Thread.sleep(1); // a writer slower than the engine: the queue fills
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }

                      @Override
                      public void flush(boolean last) {}
                    }));
    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    assertTrue(engineDone.await(5, java.util.concurrent.TimeUnit.SECONDS), "the engine ended");
    assertTrue(offered.get() < 1000, "the engine stopped soon: " + offered.get());
    assertTrue(thrown.getMessage().contains("went away"), thrown.getMessage());
  }

  @Test
  void anEngineThatSaysNothingEndsCleanly() {
    var out = new Recorder();
    new AudioPump().run(() -> {}, out);
    assertEquals(0, out.pieces.size());
  }
}
