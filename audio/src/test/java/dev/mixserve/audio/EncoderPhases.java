package dev.mixserve.audio;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Where a speech encoding's time goes: {@link FfmpegEncoder}'s steps, one by one, each on its own
 * clock, over a real clip in engine-sized pieces. A measuring tool, not a test (no timed tests):
 * run its main from the audio module, see audio/README.md.
 *
 * <p>Usage: {@code EncoderPhases WAV RATE CHUNK ROUNDS [FORMAT...]}.
 */
public final class EncoderPhases implements Ffmpeg.Io {
  static final String[] PHASES = {
    "lookup",
    "muxer",
    "open2",
    "stream",
    "header",
    "swr",
    "frames",
    "copy-in",
    "resample",
    "frame",
    "encode",
    "mux",
    "take",
    "finish",
    "close"
  };
  private final long[] ns = new long[PHASES.length];
  private long mark;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private void lap(int phase) {
    long now = System.nanoTime();
    ns[phase] += now - mark;
    mark = now;
  }

  @Override
  public int write(BytePointer buf, int size) {
    byte[] b = new byte[size];
    buf.position(0).get(b, 0, size);
    out.write(b, 0, size);
    return size;
  }

  /** One request's encoding, every step timed; the bytes it made. */
  long run(FfmpegEncoder.Recipe r, int inRate, short[] pcm, int chunk) {
    Pointer opaque = Ffmpeg.register(this);
    mark = System.nanoTime();
    var codec = avcodec_find_encoder_by_name(r.codec());
    lap(0);
    int rate = r.rateFor(inRate);
    var fmt = new AVFormatContext(null);
    avformat_alloc_output_context2(fmt, null, r.muxer(), null);
    lap(1);
    AVCodecContext ctx = avcodec_alloc_context3(codec);
    ctx.sample_rate(rate);
    ctx.sample_fmt(r.sampleFormat());
    ctx.bit_rate(r.bitRate());
    ctx.time_base(av_make_q(1, rate));
    av_channel_layout_default(ctx.ch_layout(), 1);
    if ((fmt.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    var opts = new AVDictionary(null);
    av_dict_parse_string(opts, r.options(), "=", ",", 0);
    must(avcodec_open2(ctx, codec, opts));
    av_dict_free(opts);
    lap(2);
    AVStream stream = avformat_new_stream(fmt, null);
    avcodec_parameters_from_context(stream.codecpar(), ctx);
    stream.time_base(ctx.time_base());
    var buffer = new BytePointer(av_malloc(4096));
    fmt.pb(avio_alloc_context(buffer, 4096, 1, opaque, null, Ffmpeg.WRITE, null));
    lap(3);
    var mopts = new AVDictionary(null);
    av_dict_set(mopts, "page_duration", "250000", 0);
    must(avformat_write_header(fmt, mopts));
    av_dict_free(mopts);
    lap(4);
    var swr = new SwrContext(null);
    var mono = new AVChannelLayout();
    av_channel_layout_default(mono, 1);
    swr_alloc_set_opts2(
        swr, mono, r.sampleFormat(), rate, mono, AV_SAMPLE_FMT_S16, inRate, 0, null);
    must(swr_init(swr));
    lap(5);
    int frameSize = ctx.frame_size() > 0 ? ctx.frame_size() : 1024;
    int bps = av_get_bytes_per_sample(r.sampleFormat());
    AVFrame frame = av_frame_alloc();
    frame.nb_samples(frameSize);
    frame.format(r.sampleFormat());
    frame.sample_rate(rate);
    av_channel_layout_default(frame.ch_layout(), 1);
    av_frame_get_buffer(frame, 0);
    AVPacket pkt = av_packet_alloc();
    AVAudioFifo queue = av_audio_fifo_alloc(r.sampleFormat(), 1, frameSize);
    var in = new PointerPointer<Pointer>(1);
    var to = new PointerPointer<Pointer>(1);
    var samples = new ShortPointer(chunk);
    var converted = new BytePointer((long) (chunk * 4L + 256) * bps);
    lap(6);
    long bytes = 0;
    long pts = 0;
    for (int at = 0; at < pcm.length; at += chunk) {
      short[] c = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + chunk));
      samples.put(c, 0, c.length);
      in.put(0, samples);
      lap(7);
      int room = swr_get_out_samples(swr, c.length);
      to.put(0, converted);
      int got = swr_convert(swr, to, room, in, c.length);
      av_audio_fifo_write(queue, to, got);
      lap(8);
      pts = frames(ctx, fmt, stream, frame, pkt, queue, to, frameSize, pts, false);
      avio_flush(fmt.pb());
      bytes += out.size();
      out.reset();
      lap(12);
    }
    int room = swr_get_out_samples(swr, 0);
    if (room > 0) {
      to.put(0, converted);
      int got = swr_convert(swr, to, room, null, 0);
      av_audio_fifo_write(queue, to, got);
    }
    frames(ctx, fmt, stream, frame, pkt, queue, to, frameSize, pts, true);
    mark = System.nanoTime(); // finish: the encoder's flush and the trailer
    send(ctx, fmt, stream, pkt, null);
    av_write_trailer(fmt);
    avio_flush(fmt.pb());
    bytes += out.size();
    out.reset();
    lap(13);
    av_free(fmt.pb().buffer());
    avio_context_free(fmt.pb());
    avformat_free_context(fmt);
    avcodec_free_context(ctx);
    swr_free(swr);
    av_frame_free(frame);
    av_packet_free(pkt);
    av_audio_fifo_free(queue);
    samples.close();
    converted.close();
    Ffmpeg.unregister(opaque);
    lap(14);
    return bytes;
  }

  private long frames(
      AVCodecContext ctx,
      AVFormatContext fmt,
      AVStream stream,
      AVFrame frame,
      AVPacket pkt,
      AVAudioFifo queue,
      PointerPointer<Pointer> to,
      int frameSize,
      long pts,
      boolean last) {
    while (av_audio_fifo_size(queue) >= frameSize || (last && av_audio_fifo_size(queue) > 0)) {
      mark = System.nanoTime();
      av_frame_make_writable(frame);
      int n = Math.min(frameSize, av_audio_fifo_size(queue));
      to.put(0, frame.data(0));
      av_audio_fifo_read(queue, to, n);
      frame.nb_samples(n);
      frame.pts(pts);
      pts += n;
      lap(9);
      send(ctx, fmt, stream, pkt, frame);
    }
    mark = System.nanoTime();
    return pts;
  }

  private void send(
      AVCodecContext ctx, AVFormatContext fmt, AVStream stream, AVPacket pkt, AVFrame f) {
    mark = System.nanoTime();
    must(avcodec_send_frame(ctx, f));
    while (true) {
      int got = avcodec_receive_packet(ctx, pkt);
      lap(10);
      if (got < 0) {
        return;
      }
      av_packet_rescale_ts(pkt, ctx.time_base(), stream.time_base());
      pkt.stream_index(0);
      av_write_frame(fmt, pkt);
      av_packet_unref(pkt);
      lap(11);
    }
  }

  private static void must(int code) {
    if (code < 0) {
      throw new IllegalStateException(Ffmpeg.error(code));
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
    for (String p : PHASES) {
      System.out.printf(" %8s", p);
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
