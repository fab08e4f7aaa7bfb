package dev.mixserve.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a speech encoding's time goes: {@link FfmpegEncoder} itself, told to report each step's end
 * ({@link FfmpegEncoder.Laps}), over a real clip in engine-sized pieces. A measuring tool, not a
 * test (no timed tests): run its main from the audio module, see audio/README.md.
 *
 * <p>Usage: {@code EncoderPhases WAV RATE CHUNK ROUNDS [FORMAT...]}.
 */
public final class EncoderPhases implements FfmpegEncoder.Laps {
  private static final FfmpegEncoder.Phase[] PHASES = FfmpegEncoder.Phase.values();
  private final long[] ns = new long[PHASES.length];
  private long mark;

  @Override
  public void lap(FfmpegEncoder.Phase ended) {
    long now = System.nanoTime();
    ns[ended.ordinal()] += now - mark;
    mark = now;
  }

  /** One request's encoding, every step timed; the time between calls (slicing the clip) is not. */
  void run(FfmpegEncoder.Recipe r, int inRate, short[] pcm, int chunk) {
    mark = System.nanoTime();
    try (var enc = new FfmpegEncoder(r, inRate, this)) {
      for (int at = 0; at < pcm.length; at += chunk) {
        short[] piece = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + chunk));
        mark = System.nanoTime();
        enc.encode(piece);
      }
      mark = System.nanoTime();
      enc.finish();
      mark = System.nanoTime();
    }
  }

  public static void main(String[] args) throws Exception {
    float[] mono = WavReader.read(Files.readAllBytes(Path.of(args[0]))).monoAt(16_000);
    int rate = Integer.parseInt(args[1]);
    short[] pcm = PcmAudio.toShorts(rate == 16_000 ? mono : Resampler.resample(mono, 16_000, rate));
    int chunk = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    int tile = Integer.getInteger("tile", 1); // the clip this many times over: codec speed alone
    if (tile > 1) {
      short[] one = pcm;
      pcm = new short[one.length * tile];
      for (int i = 0; i < tile; i++) {
        System.arraycopy(one, 0, pcm, i * one.length, one.length);
      }
    }
    // FORMAT or FORMAT+options+SAMPLEFMT (e.g. mp3+compression_level=9, opus+frame_duration=60)
    var formats =
        args.length > 4
            ? Arrays.asList(args).subList(4, args.length)
            : Arrays.stream(SpeechFormat.values())
                .filter(f -> f != SpeechFormat.WAV)
                .map(SpeechFormat::id)
                .toList();
    Ffmpeg.unavailable();
    // Round-robin: each round runs every spec once, so load from elsewhere hits them alike.
    int n = formats.size();
    double[][][] phases = new double[n][PHASES.length][rounds];
    double[][] wall = new double[n][rounds];
    double[][] cpu = new double[n][rounds];
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < rounds + 10; i++) {
      for (int j = 0; j < n; j++) {
        String spec = formats.get(j);
        var p = new EncoderPhases();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        if (spec.startsWith("api:")) {
          whole(SpeechFormat.of(spec.substring(4)), rate, pcm, chunk);
        } else {
          p.run(recipe(spec), rate, pcm, chunk);
        }
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        if (i >= 10) { // the first rounds warm the JIT
          wall[j][i - 10] = (t1 - t0) / 1e6;
          cpu[j][i - 10] = (c1 - c0) / 1e6;
          for (int k = 0; k < PHASES.length; k++) {
            phases[j][k][i - 10] = p.ns[k] / 1e6;
          }
        }
      }
    }
    System.out.printf(
        "%.2f s of audio at %d Hz in pieces of %d; medians of %d rounds, ms%n",
        pcm.length / (double) rate, rate, chunk, rounds);
    System.out.printf("%8s %8s", "wall", "cpu");
    for (var p : PHASES) {
      System.out.printf(" %8s", p.name().toLowerCase(java.util.Locale.ROOT));
    }
    System.out.println("  format");
    for (int j = 0; j < n; j++) {
      System.out.printf("%8.3f %8.3f", median(wall[j]), median(cpu[j]));
      for (double[] a : phases[j]) {
        System.out.printf(" %8.3f", median(a));
      }
      System.out.println("  " + formats.get(j));
    }
  }

  /** FORMAT, or FORMAT+codec options[+sample format]; pcm-ffmpeg is pcm as it was made before. */
  static FfmpegEncoder.Recipe recipe(String spec) {
    String[] parts = spec.split("\\+", -1);
    var r = parts[0].equals("pcm-ffmpeg") ? PCM_BY_FFMPEG : SpeechFormat.of(parts[0]).recipe();
    if (parts.length > 1) {
      int sf = parts.length > 2 ? av_get_sample_fmt(parts[2]) : r.sampleFormat();
      r = new FfmpegEncoder.Recipe(r.muxer(), r.codec(), sf, r.bitRate(), r.rates(), parts[1]);
    }
    return r;
  }

  /** How pcm was made before PcmEncoder: FFmpeg's pcm_s16le encoder and s16le muxer. */
  static final FfmpegEncoder.Recipe PCM_BY_FFMPEG =
      new FfmpegEncoder.Recipe("s16le", "pcm_s16le", AV_SAMPLE_FMT_S16, 0, new int[] {24_000}, "");

  /** A format through its public encoder, as the gateway runs it (no phases). */
  static void whole(SpeechFormat f, int rate, short[] pcm, int chunk) {
    try (var enc = f.encoder(rate, -1)) {
      for (int at = 0; at < pcm.length; at += chunk) {
        enc.encode(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + chunk)));
      }
      enc.finish();
    }
  }

  static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
