package dev.mixserve.engine.audio;

import dev.mixserve.api.error.ServeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * One native decoder. Not thread-safe, and it keeps cepstral-mean state between utterances, so the
 * engine makes a fresh one per request (DESIGN §5).
 */
final class PocketSphinxDecoder implements AutoCloseable {
  /** Frames are 10 ms at the default -frate 100. */
  static final double FRAME_SECONDS = 0.01;

  /** A recognised token with its frame span; fillers such as {@code <sil>} are kept. */
  record Token(String text, int startFrame, int endFrame) {}

  private final PocketSphinxLibrary lib;
  private final MemorySegment decoder;

  PocketSphinxDecoder(PocketSphinxLibrary lib, List<String> args) {
    this.lib = lib;
    try (Arena arena = Arena.ofConfined()) {
      var argv = new ArrayList<String>();
      argv.add("pocketsphinx"); // argv[0] is the program name and is skipped
      argv.addAll(args);
      MemorySegment array = arena.allocate(ValueLayout.ADDRESS, argv.size() + 1);
      for (int i = 0; i < argv.size(); i++) {
        array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(argv.get(i)));
      }
      var config =
          (MemorySegment)
              lib.parse.invokeExact(
                  MemorySegment.NULL,
                  (MemorySegment) lib.psArgs.invokeExact(),
                  argv.size(),
                  array,
                  1);
      if (config.equals(MemorySegment.NULL)) {
        throw new IllegalArgumentException("PocketSphinx rejected its options " + args);
      }
      decoder = (MemorySegment) lib.init.invokeExact(config);
      int unused = (int) lib.freeConfig.invokeExact(config); // the decoder holds its own reference
      if (decoder.equals(MemorySegment.NULL)) {
        throw ServeException.unavailable("PocketSphinx cannot load its model from " + args, 3600);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw ServeException.engineFailure("PocketSphinx init failed: " + t, t);
    }
  }

  /** Decodes one utterance of 16 kHz 16-bit mono audio in batch mode. */
  List<Token> decode(short[] pcm) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_SHORT, pcm);
      check((int) lib.startUtt.invokeExact(decoder), "ps_start_utt");
      check(
          (int) lib.processRaw.invokeExact(decoder, data, (long) pcm.length, 0, 1), // full_utt
          "ps_process_raw");
      check((int) lib.endUtt.invokeExact(decoder), "ps_end_utt");
      return tokens(arena);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw ServeException.engineFailure("PocketSphinx decode failed: " + t, t);
    }
  }

  private List<Token> tokens(Arena arena) throws Throwable {
    var out = new ArrayList<Token>();
    MemorySegment sf = arena.allocate(ValueLayout.JAVA_INT);
    MemorySegment ef = arena.allocate(ValueLayout.JAVA_INT);
    // ps_seg_next frees the iterator when it returns NULL, so we always walk to the end
    for (var seg = (MemorySegment) lib.segIter.invokeExact(decoder);
        !seg.equals(MemorySegment.NULL);
        seg = (MemorySegment) lib.segNext.invokeExact(seg)) {
      var word = (MemorySegment) lib.segWord.invokeExact(seg);
      lib.segFrames.invokeExact(seg, sf, ef);
      out.add(
          new Token(
              word.reinterpret(1024).getString(0),
              sf.get(ValueLayout.JAVA_INT, 0),
              ef.get(ValueLayout.JAVA_INT, 0)));
    }
    return out;
  }

  private static void check(int rc, String call) {
    if (rc < 0) {
      throw ServeException.engineFailure(call + " returned " + rc, null);
    }
  }

  @Override
  public void close() {
    try {
      int unused = (int) lib.free.invokeExact(decoder);
    } catch (Throwable t) {
      // ps_free only decrements a count and frees memory; there is nothing left to do on failure
    }
  }
}
