package dev.mixserve.audio;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import dev.mixserve.api.error.ServeException;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * An uploaded file, whatever its container, decoded in memory by FFmpeg to 16 kHz mono. The format
 * is found from the bytes, never from a name; only audio containers are let through (FFmpeg also
 * knows playlists and concatenation lists that would open other files). A damaged packet is
 * skipped, as the ffmpeg program does; a file that yields no audio at all is the client's error.
 */
final class FfmpegDecoder implements Ffmpeg.Io, AutoCloseable {
  static final int RATE = 16_000;

  /** Demuxer names: WAV, MP3 (and MPGA), FLAC, Ogg, MP4/M4A, Matroska/WebM, ADTS AAC, MPEG. */
  private static final String CONTAINERS = "wav,mp3,flac,ogg,mov,matroska,aac,mpeg";

  private final byte[] data;
  private final int maxSamples;
  private final Pointer opaque = Ffmpeg.register(this);
  private int at;
  private AVFormatContext fmt;
  private AVCodecContext ctx;
  private SwrContext swr;
  private AVFrame frame;
  private AVPacket pkt;
  private FloatPointer converted = new FloatPointer(0);
  private final PointerPointer<Pointer> to = new PointerPointer<>(1);
  private float[] out = new float[RATE];
  private int samples;

  private FfmpegDecoder(byte[] data, double maxSeconds) {
    this.data = data;
    this.maxSamples = (int) Math.min(Integer.MAX_VALUE - 8, maxSeconds * RATE);
  }

  /** 16 kHz mono; a 400 naming {@code kind} when nothing can be decoded. */
  static PcmAudio decode(byte[] bytes, String kind, double maxSeconds) {
    String missing = Ffmpeg.unavailable();
    if (missing != null) {
      throw ServeException.invalid(
          "file", kind + " audio needs FFmpeg, which is missing: " + missing);
    }
    try (var d = new FfmpegDecoder(bytes, maxSeconds)) {
      return d.run(kind);
    }
  }

  private PcmAudio run(String kind) {
    open(kind);
    int stream = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, (PointerPointer<?>) null, 0);
    if (stream < 0) {
      throw bad("the " + kind + " file has no audio stream");
    }
    var par = fmt.streams(stream).codecpar();
    var codec = avcodec_find_decoder(par.codec_id());
    if (codec == null) {
      throw bad("no decoder for " + avcodec_get_name(par.codec_id()).getString() + " audio");
    }
    ctx = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(ctx, par);
    if (avcodec_open2(ctx, codec, (AVDictionary) null) < 0) {
      throw bad("cannot decode the " + avcodec_get_name(par.codec_id()).getString() + " audio");
    }
    frame = av_frame_alloc();
    pkt = av_packet_alloc();
    while (av_read_frame(fmt, pkt) >= 0) { // an error past the start: keep what was read
      if (pkt.stream_index() == stream) {
        decode(pkt);
      }
      av_packet_unref(pkt);
    }
    decode(null);
    if (swr != null) {
      convert(null, 0);
    }
    if (samples == 0) {
      throw bad("no audio could be decoded from the " + kind + " file (damaged or cut short?)");
    }
    return new PcmAudio(RATE, 1, Arrays.copyOf(out, samples));
  }

  private void open(String kind) {
    fmt = avformat_alloc_context();
    var buffer = new BytePointer(av_malloc(32 * 1024));
    fmt.pb(avio_alloc_context(buffer, 32 * 1024, 0, opaque, Ffmpeg.READ, null, Ffmpeg.SEEK));
    var options = new AVDictionary(null);
    av_dict_set(options, "format_whitelist", CONTAINERS, 0);
    int opened = avformat_open_input(fmt, (String) null, null, options);
    av_dict_free(options);
    if (opened < 0) {
      fmt = null; // freed by the failed open
      throw bad("cannot read the file as " + kind + " audio: " + Ffmpeg.error(opened));
    }
    if (avformat_find_stream_info(fmt, (PointerPointer<?>) null) < 0) {
      throw bad("cannot find the audio in the " + kind + " file");
    }
  }

  /** Sends a packet (null: the end) and converts every frame it completes. */
  private void decode(AVPacket p) {
    if (avcodec_send_packet(ctx, p) < 0) {
      return; // a damaged packet: skip it
    }
    while (avcodec_receive_frame(ctx, frame) >= 0) {
      if (swr == null) {
        swr = resampler(frame);
      }
      convert(frame.extended_data(), frame.nb_samples());
      av_frame_unref(frame);
    }
  }

  private static SwrContext resampler(AVFrame f) {
    var mono = new AVChannelLayout();
    av_channel_layout_default(mono, 1);
    var layout = new AVChannelLayout();
    if (av_channel_layout_check(f.ch_layout()) == 1) {
      av_channel_layout_copy(layout, f.ch_layout());
    } else {
      av_channel_layout_default(layout, Math.max(1, f.ch_layout().nb_channels()));
    }
    var swr = new SwrContext(null);
    if (swr_alloc_set_opts2(
                swr, mono, AV_SAMPLE_FMT_FLT, RATE, layout, f.format(), f.sample_rate(), 0, null)
            < 0
        || swr_init(swr) < 0) {
      throw bad("unsupported audio layout (" + f.ch_layout().nb_channels() + " channels)");
    }
    return swr;
  }

  private void convert(PointerPointer<?> input, int count) {
    int room = swr_get_out_samples(swr, count);
    if (room <= 0) {
      return;
    }
    if (converted.capacity() < room) {
      converted.close();
      converted = new FloatPointer(room);
    }
    to.put(0, converted);
    int got = swr_convert(swr, to, room, input, count);
    if (got < 0) {
      throw bad("the audio changes format part way through");
    }
    if (samples + got > maxSamples) {
      throw bad(String.format("the audio is longer than %.0f s", maxSamples / (double) RATE));
    }
    if (samples + got > out.length) {
      out = Arrays.copyOf(out, Math.max(samples + got, out.length * 2));
    }
    converted.position(0).get(out, samples, got);
    samples += got;
  }

  @Override
  public int read(BytePointer buf, int size) {
    int n = Math.min(size, data.length - at);
    if (n <= 0) {
      return AVERROR_EOF;
    }
    buf.position(0).put(data, at, n);
    at += n;
    return n;
  }

  @Override
  public long seek(long offset, int whence) {
    if ((whence & AVSEEK_SIZE) != 0) {
      return data.length;
    }
    long to =
        switch (whence & ~AVSEEK_FORCE) {
          case 0 -> offset;
          case 1 -> at + offset;
          case 2 -> data.length + offset;
          default -> -1;
        };
    if (to < 0 || to > data.length) {
      return -1;
    }
    at = (int) to;
    return to;
  }

  private static ServeException bad(String message) {
    return ServeException.invalid("file", message);
  }

  @Override
  public void close() {
    if (fmt != null) {
      var pb = fmt.pb();
      avformat_close_input(fmt);
      if (pb != null) {
        av_free(pb.buffer());
        avio_context_free(pb);
      }
    }
    if (ctx != null) {
      avcodec_free_context(ctx);
    }
    if (swr != null) {
      swr_free(swr);
    }
    if (frame != null) {
      av_frame_free(frame);
    }
    if (pkt != null) {
      av_packet_free(pkt);
    }
    converted.close();
    Ffmpeg.unregister(opaque);
  }
}
