package dev.mixserve.audio;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import dev.mixserve.api.error.ServeException;
import java.io.ByteArrayOutputStream;
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
 * Mono 16-bit samples through libswresample (to the codec's sample format and, for Opus, an Opus
 * rate) into an FFmpeg encoder and muxer whose output is gathered per call, so each piece of speech
 * leaves as soon as the codec has made whole frames of it. One instance per response.
 */
final class FfmpegEncoder implements SpeechEncoder, Ffmpeg.Io {
  /** How a speech format is made: muxer, encoder, sample format, bit rate, allowed rates. */
  record Recipe(
      String muxer, String codec, int sampleFormat, long bitRate, int[] rates, String options) {
    /** The input rate when the codec takes it, else the lowest allowed rate above it. */
    int rateFor(int in) {
      if (rates.length == 0) {
        return in;
      }
      for (int r : rates) {
        if (r >= in) {
          return r;
        }
      }
      return rates[rates.length - 1];
    }
  }

  /** The steps an encoding's time is told apart by (audio/README.md, EncoderPhases). */
  enum Phase {
    SETUP,
    OPEN,
    INPUT,
    CODEC,
    MUX,
    END,
    FREE
  }

  /**
   * Told as each step ends, so that a measuring tool times this encoder's own steps rather than a
   * copy of them; the server's encoders tell {@link #NONE}.
   */
  interface Laps {
    Laps NONE = ended -> {};

    void lap(Phase ended);
  }

  private final Laps laps;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Pointer opaque = Ffmpeg.register(this);
  private AVFormatContext fmt;
  private AVCodecContext ctx;
  private SwrContext swr;
  private AVFrame frame;
  private AVPacket pkt;
  private AVStream stream;
  private final PointerPointer<Pointer> in = new PointerPointer<>(1);
  private final PointerPointer<Pointer> to = new PointerPointer<>(1);
  private ShortPointer samples = new ShortPointer(0);
  private BytePointer converted = new BytePointer(0);
  private AVAudioFifo queue;
  private int frameSize;
  private int bytesPerSample;
  private long pts;

  FfmpegEncoder(Recipe recipe, int inRate) {
    this(recipe, inRate, Laps.NONE);
  }

  FfmpegEncoder(Recipe recipe, int inRate, Laps laps) {
    this.laps = laps;
    try {
      open(recipe, inRate);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void open(Recipe r, int inRate) {
    String missing = Ffmpeg.unavailable();
    if (missing != null) {
      throw ServeException.unavailable(missing, 3600);
    }
    var codec = avcodec_find_encoder_by_name(r.codec());
    if (codec == null) {
      throw ServeException.unavailable("FFmpeg has no " + r.codec() + " encoder", 3600);
    }
    int rate = r.rateFor(inRate);
    fmt = new AVFormatContext(null);
    check(avformat_alloc_output_context2(fmt, null, r.muxer(), null), "muxer " + r.muxer());
    ctx = avcodec_alloc_context3(codec);
    ctx.sample_rate(rate);
    ctx.sample_fmt(r.sampleFormat());
    ctx.bit_rate(r.bitRate());
    ctx.time_base(av_make_q(1, rate));
    av_channel_layout_default(ctx.ch_layout(), 1);
    if ((fmt.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    var codecOptions = new AVDictionary(null);
    av_dict_parse_string(codecOptions, r.options(), "=", ",", 0);
    laps.lap(Phase.SETUP);
    int opened = avcodec_open2(ctx, codec, codecOptions);
    laps.lap(Phase.OPEN);
    av_dict_free(codecOptions);
    check(opened, "encoder " + r.codec());
    stream = avformat_new_stream(fmt, null);
    check(avcodec_parameters_from_context(stream.codecpar(), ctx), "stream parameters");
    stream.time_base(ctx.time_base());
    var buffer = new BytePointer(av_malloc(4096));
    fmt.pb(avio_alloc_context(buffer, 4096, 1, opaque, null, Ffmpeg.WRITE, null));
    var options = new AVDictionary(null);
    av_dict_set(options, "page_duration", "250000", 0); // Ogg: a page every 250 ms, not 1 s
    int header = avformat_write_header(fmt, options);
    av_dict_free(options);
    check(header, "header");
    swr = new SwrContext(null);
    var mono = new AVChannelLayout();
    av_channel_layout_default(mono, 1);
    check(
        swr_alloc_set_opts2(
            swr, mono, r.sampleFormat(), rate, mono, AV_SAMPLE_FMT_S16, inRate, 0, null),
        "resampler");
    check(swr_init(swr), "resampler");
    frameSize = ctx.frame_size() > 0 ? ctx.frame_size() : 1024;
    bytesPerSample = av_get_bytes_per_sample(r.sampleFormat());
    frame = av_frame_alloc();
    frame.nb_samples(frameSize);
    frame.format(r.sampleFormat());
    frame.sample_rate(rate);
    av_channel_layout_default(frame.ch_layout(), 1);
    check(av_frame_get_buffer(frame, 0), "frame");
    pkt = av_packet_alloc();
    queue = av_audio_fifo_alloc(r.sampleFormat(), 1, frameSize);
    laps.lap(Phase.SETUP);
  }

  @Override
  public byte[] encode(short[] chunk) {
    if (chunk.length == 0) {
      return new byte[0];
    }
    if (samples.capacity() < chunk.length) {
      samples.close();
      samples = new ShortPointer(chunk.length);
    }
    samples.put(chunk, 0, chunk.length);
    in.put(0, samples);
    convert(in, chunk.length);
    laps.lap(Phase.INPUT);
    sendFrames(false);
    return take();
  }

  @Override
  public byte[] finish() {
    convert(null, 0); // what the resampler holds back
    laps.lap(Phase.INPUT);
    sendFrames(true);
    send(null);
    check(av_write_trailer(fmt), "trailer");
    laps.lap(Phase.END);
    return take();
  }

  /** Resamples into the queue of samples waiting for a whole frame; {@code input} null drains. */
  private void convert(PointerPointer<Pointer> input, int count) {
    int room = swr_get_out_samples(swr, count);
    if (room <= 0) {
      return;
    }
    if (converted.capacity() < (long) room * bytesPerSample) {
      converted.close();
      converted = new BytePointer((long) room * bytesPerSample);
    }
    to.put(0, converted);
    int got = swr_convert(swr, to, room, input, count);
    check(got, "resampling");
    check(av_audio_fifo_write(queue, to, got), "queueing");
  }

  /** Encodes whole frames; at the end, the short last one too (FFmpeg pads it where needed). */
  private void sendFrames(boolean last) {
    while (av_audio_fifo_size(queue) >= frameSize || (last && av_audio_fifo_size(queue) > 0)) {
      check(av_frame_make_writable(frame), "frame");
      int n = Math.min(frameSize, av_audio_fifo_size(queue));
      to.put(0, frame.data(0));
      check(av_audio_fifo_read(queue, to, n), "queueing");
      frame.nb_samples(n);
      frame.pts(pts);
      pts += n;
      laps.lap(Phase.INPUT);
      send(frame);
    }
  }

  private void send(AVFrame f) {
    check(avcodec_send_frame(ctx, f), "encoding");
    while (true) {
      int got = avcodec_receive_packet(ctx, pkt);
      laps.lap(Phase.CODEC);
      if (got == Ffmpeg.EAGAIN || got == AVERROR_EOF) {
        return;
      }
      check(got, "encoding");
      av_packet_rescale_ts(pkt, ctx.time_base(), stream.time_base());
      pkt.stream_index(0);
      int wrote = av_write_frame(fmt, pkt);
      av_packet_unref(pkt);
      laps.lap(Phase.MUX);
      check(wrote, "muxing");
    }
  }

  private byte[] take() {
    avio_flush(fmt.pb());
    byte[] bytes = out.toByteArray();
    out.reset();
    laps.lap(Phase.MUX); // our write callback's copies are counted with the muxer's work
    return bytes;
  }

  @Override
  public int write(BytePointer buf, int size) {
    byte[] b = new byte[size];
    buf.position(0).get(b, 0, size);
    out.write(b, 0, size);
    return size;
  }

  private static void check(int code, String what) {
    if (code < 0) {
      throw ServeException.engineFailure(
          "FFmpeg failed at " + what + ": " + Ffmpeg.error(code), null);
    }
  }

  @Override
  public void close() {
    if (fmt != null) {
      if (fmt.pb() != null) {
        av_free(fmt.pb().buffer());
        var pb = fmt.pb();
        avio_context_free(pb);
      }
      avformat_free_context(fmt);
      fmt = null;
    }
    if (ctx != null) {
      avcodec_free_context(ctx);
      ctx = null;
    }
    if (swr != null) {
      swr_free(swr);
      swr = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (pkt != null) {
      av_packet_free(pkt);
      pkt = null;
    }
    if (queue != null) {
      av_audio_fifo_free(queue);
      queue = null;
    }
    samples.close();
    converted.close();
    Ffmpeg.unregister(opaque);
    laps.lap(Phase.FREE);
  }
}
