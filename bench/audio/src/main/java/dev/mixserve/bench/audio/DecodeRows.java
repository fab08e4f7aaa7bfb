package dev.mixserve.bench.audio;

import dev.mixserve.api.engine.TranscriptionEngine;
import dev.mixserve.api.engine.TranscriptionEngine.Options;
import dev.mixserve.audio.AudioDecoder;
import dev.mixserve.audio.PcmAudio;
import dev.mixserve.audio.SpeechFormat;
import dev.mixserve.audio.WavReader;
import java.util.List;

/**
 * What an upload's format costs before transcription: each clip encoded once (by our encoder, as a
 * client's file would be), then decoded the way the server does, against the transcription of the
 * same audio.
 */
final class DecodeRows {
  private DecodeRows() {}

  static void print(TranscriptionEngine stt, List<AudioBench.Clip> clips, int repeats) {
    double transcribe = 0;
    float[][] pcm = new float[clips.size()][];
    for (int c = 0; c < clips.size(); c++) {
      pcm[c] = WavReader.read(clips.get(c).wav()).monoAt(16_000);
      long t0 = System.nanoTime(); // once: seconds a clip, against milliseconds of decoding
      stt.transcribe(pcm[c], Options.DEFAULT);
      transcribe += (System.nanoTime() - t0) / 1e9;
    }
    System.out.printf(
        "%n  upload decoding (%d clips, transcription %.0f ms in all)%n",
        clips.size(), transcribe * 1e3);
    for (SpeechFormat f : SpeechFormat.values()) {
      if (f == SpeechFormat.PCM) {
        continue; // not an upload format
      }
      double decode = 0;
      for (float[] p : pcm) {
        byte[] file = encoded(f, p);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
          long t0 = System.nanoTime();
          AudioDecoder.decode(file).monoAt(16_000);
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        decode += best;
      }
      System.out.printf(
          "  %-5s decode %7.2f ms  %5.2f%% of the transcription%n",
          f.id(), decode * 1e3, 100 * decode / transcribe);
    }
  }

  private static byte[] encoded(SpeechFormat f, float[] pcm) {
    var out = new java.io.ByteArrayOutputStream();
    try (var enc = f.encoder(16_000, pcm.length)) {
      out.writeBytes(enc.encode(PcmAudio.toShorts(pcm)));
      out.writeBytes(enc.finish());
    }
    return out.toByteArray();
  }
}
