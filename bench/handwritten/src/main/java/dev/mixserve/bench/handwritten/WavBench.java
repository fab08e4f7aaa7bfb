package dev.mixserve.bench.handwritten;

import dev.mixserve.audio.PcmAudio;
import dev.mixserve.audio.Resampler;
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
            () -> {
              long n = 0;
              for (byte[] c : clips) {
                n += WavReader.read(c).samples().length;
              }
              return n;
            },
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
            () -> {
              long n = 0;
              for (byte[] c : clips) {
                n += WavReader.read(c).samples().length;
              }
              return n;
            },
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
    for (var v : variants(mono)) {
      System.out.printf(
          "  %-38s ours: %-40s javax: %s%n", v.name, ours(v.bytes), javax(v.bytes, v.bytes));
    }
    System.out.println();
    System.out.println("what each says when it refuses:");
    byte[] mp3 = new byte[4096];
    mp3[0] = 'I';
    mp3[1] = 'D';
    mp3[2] = '3';
    byte[] adpcm = Variant.build(2, 4, 1, 16_000, false, Arrays.copyOf(clips.getFirst(), 4000), 0);
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
    resampling(m, mono);
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

  // --- re-encodings of one clip ---

  record Variant(String name, byte[] bytes) {
    /** A RIFF/WAVE of {@code data} with the given fmt fields; {@code extra} bytes of LIST first. */
    static byte[] build(
        int tag, int bits, int channels, int rate, boolean extensible, byte[] data, int extra) {
      int fmtSize = extensible ? 40 : 16;
      int width = Math.max(1, bits / 8);
      var b =
          ByteBuffer.allocate(
              12 + (extra > 0 ? 8 + extra + (extra & 1) : 0) + 8 + fmtSize + 8 + data.length);
      b.order(ByteOrder.LITTLE_ENDIAN);
      b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
      if (extra > 0) {
        b.put("LIST".getBytes()).putInt(extra).put(new byte[extra + (extra & 1)]);
      }
      b.put("fmt ".getBytes()).putInt(fmtSize);
      b.putShort((short) (extensible ? 0xFFFE : tag)).putShort((short) channels);
      b.putInt(rate).putInt(rate * channels * width).putShort((short) (channels * width));
      b.putShort((short) bits);
      if (extensible) {
        b.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 4 : 3);
        b.putShort((short) tag)
            .put(
                new byte[] {
                  0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71
                });
      }
      b.put("data".getBytes()).putInt(data.length).put(data);
      return b.array();
    }
  }

  static List<Variant> variants(float[] mono) {
    var v = new ArrayList<Variant>();
    v.add(new Variant("PCM 8-bit", Variant.build(1, 8, 1, 16_000, false, encode(mono, 1, 8), 0)));
    v.add(
        new Variant(
            "PCM 16-bit (as uploaded)",
            Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 0)));
    v.add(
        new Variant("PCM 24-bit", Variant.build(1, 24, 1, 16_000, false, encode(mono, 1, 24), 0)));
    v.add(
        new Variant("PCM 32-bit", Variant.build(1, 32, 1, 16_000, false, encode(mono, 1, 32), 0)));
    v.add(
        new Variant(
            "float 32-bit", Variant.build(3, 32, 1, 16_000, false, encode(mono, 3, 32), 0)));
    v.add(
        new Variant(
            "float 64-bit", Variant.build(3, 64, 1, 16_000, false, encode(mono, 3, 64), 0)));
    v.add(
        new Variant(
            "EXTENSIBLE PCM 16-bit",
            Variant.build(1, 16, 1, 16_000, true, encode(mono, 1, 16), 0)));
    v.add(
        new Variant(
            "EXTENSIBLE PCM 24-bit",
            Variant.build(1, 24, 1, 16_000, true, encode(mono, 1, 24), 0)));
    v.add(
        new Variant(
            "EXTENSIBLE float 32-bit",
            Variant.build(3, 32, 1, 16_000, true, encode(mono, 3, 32), 0)));
    float[] stereo = new float[mono.length * 2];
    for (int i = 0; i < mono.length; i++) {
      stereo[2 * i] = mono[i];
      stereo[2 * i + 1] = mono[i];
    }
    v.add(
        new Variant(
            "stereo 16-bit 44.1 kHz",
            Variant.build(1, 16, 2, 44_100, false, encode(stereo, 1, 16), 0)));
    v.add(
        new Variant(
            "LIST chunk before fmt (odd size)",
            Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 27)));
    byte[] streamed = Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 0);
    ByteBuffer.wrap(streamed).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1).putInt(40, -1);
    v.add(new Variant("streamed: sizes 0xFFFFFFFF", streamed));
    byte[] zero = Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 0);
    ByteBuffer.wrap(zero).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0).putInt(40, 0);
    v.add(new Variant("streamed: sizes 0", zero));
    byte[] whole = Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 0);
    v.add(new Variant("cut mid-sample (odd length)", Arrays.copyOf(whole, whole.length - 1001)));
    v.add(
        new Variant("mu-law 8-bit (tag 7)", Variant.build(7, 8, 1, 8_000, false, mulaw(mono), 0)));
    return v;
  }

  static byte[] encode(float[] s, int tag, int bits) {
    var b = ByteBuffer.allocate(s.length * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : s) {
      double v = Math.max(-1, Math.min(1, x));
      switch (tag * 100 + bits) {
        case 108 -> b.put((byte) (Math.round(v * 127) + 128));
        case 116 -> b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
        case 124 -> {
          int i = (int) Math.max(-8388608, Math.min(8388607, Math.round(v * 8388608)));
          b.put((byte) i).put((byte) (i >> 8)).put((byte) (i >> 16));
        }
        case 132 ->
            b.putInt(
                (int)
                    Math.max(
                        Integer.MIN_VALUE,
                        Math.min(Integer.MAX_VALUE, Math.round(v * 2147483648.0))));
        case 332 -> b.putFloat((float) v);
        case 364 -> b.putDouble(v);
        default -> throw new IllegalArgumentException();
      }
    }
    return b.array();
  }

  private static byte[] mulaw(float[] s) {
    byte[] out = new byte[s.length];
    for (int i = 0; i < s.length; i++) {
      int pcm = Math.max(-32635, Math.min(32635, Math.round(s[i] * 32767)));
      int sign = pcm < 0 ? 0x80 : 0;
      int mag = Math.abs(pcm) + 0x84;
      int exp = 7;
      for (int mask = 0x4000; (mag & mask) == 0 && exp > 0; mask >>= 1) {
        exp--;
      }
      int mant = (mag >> (exp + 3)) & 0x0F;
      out[i] = (byte) ~(sign | (exp << 4) | mant);
    }
    return out;
  }

  // --- resampling ---

  private static void resampling(Measure m, float[] jfk16k) throws Exception {
    System.out.println("resampling to 16 kHz (what every upload at another rate goes through):");
    int[] rates = {44_100, 48_000};
    for (int from : rates) {
      float[] speech = Resampler.resample(jfk16k, 16_000, from); // 11 s of speech at `from`
      var pair =
          m.compare(
              "ours",
              () -> Resampler.resample(speech, from, 16_000),
              "javax",
              () -> javaxResample(speech, from, 16_000, null));
      System.out.println(pair.row("11 s " + from + " → 16000 Hz", speech.length * 4L));
      var sinc =
          m.compare(
              "ours",
              () -> Resampler.resample(speech, from, 16_000),
              "javax-sinc",
              () -> javaxResample(speech, from, 16_000, "sinc"));
      System.out.println(sinc.row("  javax with interpolation=sinc", speech.length * 4L));
    }
    System.out.println(
        "  quality, 44.1 kHz → 16 kHz (output RMS over input RMS; a tone above 8 kHz must vanish):");
    for (String interp : new String[] {null, "sinc"}) {
      for (double hz : new double[] {1000, 6000, 10_000, 15_000}) {
        float[] tone = tone(hz, 44_100, 44_100 * 2);
        double ours = rmsDb(Resampler.resample(tone, 44_100, 16_000), tone);
        double javax = rmsDb(javaxResample(tone, 44_100, 16_000, interp), tone);
        System.out.printf(
            Locale.ROOT,
            "    %6.0f Hz tone: ours %7.1f dB   javax (%s) %7.1f dB%n",
            hz,
            ours,
            interp == null ? "default" : interp,
            javax);
      }
    }
  }

  static float[] javaxResample(float[] in, int from, int to, String interpolation) {
    byte[] b = new byte[in.length * 4];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(in);
    var src = new AudioFormat(FLOAT, from, 32, 1, 4, from, false);
    var dst =
        interpolation == null
            ? new AudioFormat(FLOAT, to, 32, 1, 4, to, false)
            : new AudioFormat(
                FLOAT, to, 32, 1, 4, to, false, Map.of("interpolation", interpolation));
    try (var conv =
        AudioSystem.getAudioInputStream(
            dst, new AudioInputStream(new ByteArrayInputStream(b), src, in.length))) {
      byte[] o = conv.readAllBytes();
      float[] out = new float[o.length / 4];
      ByteBuffer.wrap(o).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] tone(double hz, int rate, int n) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  /** RMS of the middle half of {@code out} against that of {@code in}, in dB. */
  static double rmsDb(float[] out, float[] in) {
    return 20 * Math.log10(rms(out) / rms(in));
  }

  private static double rms(float[] s) {
    int from = s.length / 4;
    int to = s.length * 3 / 4;
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += s[i] * (double) s[i];
    }
    return Math.sqrt(sum / (to - from)) + 1e-12;
  }
}
