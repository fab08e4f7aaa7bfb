package dev.mixserve.cli.voice;

import dev.mixserve.audio.SileroVad;
import dev.mixserve.client.MixserveException;
import dev.mixserve.client.voice.VoicePipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One spoken question answered and reported; and the --listen loop that makes many. */
public final class VoiceTurn {
  private VoiceTurn() {}

  /** Runs the pipeline on {@code wav}, writes the answer to {@code out}, prints what happened. */
  public static void answer(
      VoicePipeline pipeline, byte[] wav, Path out, String prefix, PrintStream ps) {
    var result = pipeline.run(wav, t -> ps.println(prefix + "transcript: " + t), piece -> {});
    ps.println(prefix + "answer: " + result.answer());
    try {
      Files.write(out, result.audio().bytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    ps.printf("%saudio: %s (%.1f s)%n", prefix, out, result.audio().seconds());
    ps.println(prefix + "timings: " + result.timings());
  }

  /**
   * Answers each utterance heard on {@code in} until it ends, as NAME-1.wav, NAME-2.wav, ... A
   * question that fails is reported and the loop goes on; a server that is gone ends it.
   */
  public static int listen(
      VoicePipeline pipeline, SileroVad vad, InputStream in, Path out, PrintStream ps)
      throws IOException {
    int[] n = {0};
    new Listener(vad, new Utterances(19), 30)
        .run(
            in,
            pcm -> {
              int k = ++n[0];
              try {
                answer(pipeline, Pcm16.wav(pcm), numbered(out, k), "[" + k + "] ", ps);
              } catch (IllegalArgumentException e) {
                ps.println("[" + k + "] " + e.getMessage());
              } catch (MixserveException e) {
                if (e.unreachable()) {
                  throw e;
                }
                ps.println("[" + k + "] error: " + e.getMessage());
              }
            });
    ps.println("heard " + n[0] + " questions");
    return n[0];
  }

  static Path numbered(Path out, int k) {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String numbered =
        dot > 0 ? name.substring(0, dot) + "-" + k + name.substring(dot) : name + "-" + k;
    return out.resolveSibling(numbered);
  }
}
