package dev.mixserve.engine.audio;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * espeak-ng, Debian's command-line synthesiser: one process per request, text on stdin, WAV on
 * stdout read as it is written, so the first audio is passed on while the rest is being spoken.
 * Processes are independent, so requests may run side by side.
 */
public final class EspeakEngine implements SpeechEngine {
  static final String PACKAGE = "Debian package espeak-ng";
  private static final int NORMAL_WPM = 175;
  private static final Map<String, String> OPENAI =
      Map.ofEntries(
          Map.entry("alloy", "en-us"),
          Map.entry("ash", "en-us+m3"),
          Map.entry("ballad", "en-gb-x-rp+m1"),
          Map.entry("coral", "en-us+f2"),
          Map.entry("echo", "en-us+m2"),
          Map.entry("fable", "en-gb"),
          Map.entry("onyx", "en-us+m7"),
          Map.entry("nova", "en-us+f3"),
          Map.entry("sage", "en-gb+f2"),
          Map.entry("shimmer", "en-us+f4"),
          Map.entry("verse", "en-gb-scotland"));

  private final String binary;
  private final VoiceMap voices;
  private final int sampleRate;

  EspeakEngine(String binary) {
    this.binary = binary;
    this.voices = new VoiceMap(EspeakVoices.list(binary), OPENAI);
    this.sampleRate = 22_050;
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        "espeak-ng",
        Task.SPEECH,
        "espeak-ng",
        "espeak-ng formant synthesis (" + binary + "), " + voices.voices().size() + " voices.",
        Map.of("sample_rate", sampleRate, "voices", voices.voices().size()));
  }

  @Override
  public int sampleRate() {
    return sampleRate;
  }

  @Override
  public List<Voice> voices() {
    return voices.voices();
  }

  @Override
  public int concurrency() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void speak(Request request, AudioSink sink) {
    String voice = voices.resolve(request.voice());
    int wpm = (int) Math.round(Math.clamp(NORMAL_WPM * request.speed(), 80, 500));
    Process p = start(List.of(binary, "--stdout", "-v", voice, "-s", Integer.toString(wpm)));
    try {
      try (var stdin = p.getOutputStream()) {
        stdin.write(request.text().getBytes(StandardCharsets.UTF_8));
      }
      WavStream.forward(p.getInputStream(), sampleRate, sink);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw ServeException.engineFailure("espeak-ng failed: " + errors(p), null);
      }
    } catch (IOException e) {
      throw ServeException.engineFailure("espeak-ng I/O failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServeException.timeout("speech interrupted");
    } finally {
      p.destroy(); // no-op when it has exited; stops it when the sink threw mid-stream
    }
  }

  static Process start(List<String> command) {
    try {
      return new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw ServeException.unavailable(
          "cannot run " + command.getFirst() + " (" + e.getMessage() + "); install the " + PACKAGE,
          3600);
    }
  }

  private static String errors(Process p) {
    try (InputStream err = p.getErrorStream()) {
      return new String(err.readNBytes(4096), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  @Override
  public void close() {}
}
