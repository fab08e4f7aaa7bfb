package dev.mixserve.bench.handwritten;

import dev.mixserve.audio.PcmAudio;
import dev.mixserve.audio.WavReader;
import dev.mixserve.audio.WavWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * WAV/PCM: the audio module's WavReader, WavWriter and Resampler against javax.sound.sampled
 * (AudioSystem.getAudioInputStream, format conversion, AudioSystem.write): speed on the test clips,
 * what each accepts, what each says when it refuses, and resampling quality.
 */
final class WavBench {
  private static final AudioFormat.Encoding FLOAT = AudioFormat.Encoding.PCM_FLOAT;

  private WavBench() {}

  static void run(Measure m, Path shared) throws Exception {
    Path dir = shared.resolve("models/audio");
    List<byte[]> clips = new ArrayList<>();
    clips.add(Files.readAllBytes(dir.resolve("jfk.wav")));
    try (var s = Files.list(dir.resolve("librivox"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
        clips.add(Files.readAllBytes(p));
      }
    }
    long total = clips.stream().mapToLong(c -> c.length).sum();
    System.out.printf(
        "%d clips from %s, %d bytes (16 kHz mono s16), decoded to float samples:%n",
        clips.size(), dir, total);
    var read =
        m.compare(
            "ours",
            () -> ourSamples(clips),
            "javax",
            () -> {
              long n = 0;
              for (byte[] c : clips) {
                n += javaxFloats(c).samples().length;
              }
              return n;
            });
    System.out.println(read.row("read the 6 clips → float[]", total));
    var readBytes =
        m.compare(
            "ours",
            () -> ourSamples(clips),
            "javax-raw",
            () -> {
              long n = 0;
              for (byte[] c : clips) {
                n += javaxRawBytes(c).length;
              }
              return n;
            });
    System.out.println(readBytes.row("  javax without float conversion", total));

    PcmAudio jfk = WavReader.read(clips.getFirst());
    short[] pcm = PcmAudio.toShorts(jfk.samples());
    var write =
        m.compare(
            "ours",
            () -> WavWriter.write(pcm, 16_000),
            "javax",
            () -> javaxWrite(WavWriter.littleEndian(pcm), 16_000, pcm.length));
    System.out.println(write.row("write jfk (11 s) as WAV", pcm.length * 2L));
    System.out.println(
        "  same bytes: "
            + Arrays.equals(
                WavWriter.write(pcm, 16_000),
                javaxWrite(WavWriter.littleEndian(pcm), 16_000, pcm.length)));
    System.out.println("  streaming a WAV of unknown length to a socket:");
    System.out.println(
        "    ours:  WavWriter.header(rate, UNKNOWN_LENGTH), then the samples as they come ("
            + WavWriter.header(24_000, WavWriter.UNKNOWN_LENGTH).length
            + "-byte header)");
    System.out.println("    javax: " + javaxStreamWrite(pcm));

    System.out.println();
    System.out.println("what each accepts (jfk.wav re-encoded; diff = largest |ours − javax|):");
    float[] mono = jfk.samples();
    for (var v : WavVariants.of(mono)) {
      System.out.printf(
          "  %-38s ours: %-40s javax: %s%n",
          v.name(), ours(v.bytes()), javax(v.bytes(), v.bytes()));
    }
    System.out.println();
    System.out.println("what each says when it refuses:");
    byte[] mp3 = new byte[4096];
    mp3[0] = 'I';
    mp3[1] = 'D';
    mp3[2] = '3';
    byte[] adpcm =
        WavVariants.Variant.build(2, 4, 1, 16_000, false, Arrays.copyOf(clips.getFirst(), 4000), 0);
    for (var e :
        List.of(
            Map.entry("an MP3 (ID3 tag)", mp3),
            Map.entry("MS ADPCM (tag 2)", adpcm),
            Map.entry("RIFF cut at 20 bytes", Arrays.copyOf(clips.getFirst(), 20)),
            Map.entry("sample rate 0", zeroRate(clips.getFirst())),
            Map.entry("empty", new byte[0]))) {
      System.out.printf("  %-24s ours: %s%n", e.getKey(), ours(e.getValue()));
      System.out.printf("  %-24s javax: %s%n", "", javax(e.getValue(), null));
    }

    System.out.println();
    ResampleBench.run(m, mono);
  }

  private static long ourSamples(List<byte[]> clips) {
    long n = 0;
    for (byte[] c : clips) {
      n += WavReader.read(c).samples().length;
    }
    return n;
  }

  // --- javax.sound.sampled as the audio module would use it ---

  static PcmAudio javaxFloats(byte[] wav) {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      AudioFormat f = in.getFormat();
      int ch = f.getChannels();
      var target =
          new AudioFormat(FLOAT, f.getSampleRate(), 32, ch, 4 * ch, f.getSampleRate(), false);
      AudioInputStream floats =
          f.getEncoding().equals(FLOAT) && f.getSampleSizeInBits() == 32 && !f.isBigEndian()
              ? in
              : AudioSystem.getAudioInputStream(target, in);
      byte[] b = floats.readAllBytes();
      float[] out = new float[b.length / 4 / ch * ch];
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return new PcmAudio(Math.round(f.getSampleRate()), ch, out);
    } catch (IOException | javax.sound.sampled.UnsupportedAudioFileException e) {
      throw new IllegalArgumentException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  static byte[] javaxRawBytes(byte[] wav) {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      return in.readAllBytes();
    } catch (IOException | javax.sound.sampled.UnsupportedAudioFileException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static byte[] javaxWrite(byte[] le16, int rate, long frames) {
    var f = new AudioFormat(rate, 16, 1, true, false);
    var out = new ByteArrayOutputStream(le16.length + 64);
    try {
      AudioSystem.write(
          new AudioInputStream(new ByteArrayInputStream(le16), f, frames),
          AudioFileFormat.Type.WAVE,
          out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String javaxStreamWrite(short[] pcm) {
    var f = new AudioFormat(16_000, 16, 1, true, false);
    var out = new ByteArrayOutputStream();
    try {
      AudioSystem.write(
          new AudioInputStream(
              new ByteArrayInputStream(WavWriter.littleEndian(pcm)), f, AudioSystem.NOT_SPECIFIED),
          AudioFileFormat.Type.WAVE,
          out);
      return "wrote " + out.size() + " bytes";
    } catch (IOException e) {
      return "refused, " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static String ours(byte[] wav) {
    try {
      PcmAudio a = WavReader.read(wav);
      return String.format(
          Locale.ROOT, "ok %d Hz %d ch %d frames", a.sampleRate(), a.channels(), a.frames());
    } catch (RuntimeException e) {
      return "\"" + e.getMessage() + "\"";
    }
  }

  private static String javax(byte[] wav, byte[] againstOurs) {
    PcmAudio j;
    try {
      j = javaxFloats(wav);
    } catch (RuntimeException e) {
      return "\"" + e.getMessage() + "\"";
    }
    String s =
        String.format(
            Locale.ROOT, "ok %d Hz %d ch %d frames", j.sampleRate(), j.channels(), j.frames());
    if (againstOurs != null) {
      try {
        PcmAudio o = WavReader.read(againstOurs);
        float diff = 0;
        int n = Math.min(o.samples().length, j.samples().length);
        for (int i = 0; i < n; i++) {
          diff = Math.max(diff, Math.abs(o.samples()[i] - j.samples()[i]));
        }
        s += String.format(Locale.ROOT, ", diff %.1e", diff);
      } catch (RuntimeException ignored) {
        // ours refused: nothing to compare
      }
    }
    return s;
  }

  private static byte[] zeroRate(byte[] wav) {
    byte[] b = wav.clone();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 0);
    return b;
  }
}
