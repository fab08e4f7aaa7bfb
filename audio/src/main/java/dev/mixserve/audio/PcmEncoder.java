package dev.mixserve.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import dev.mixserve.api.error.ServeException;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * OpenAI's "pcm": s16le at 24 kHz, which is only a rate change. It went through FFmpeg's pcm_s16le
 * encoder and s16le muxer like the codecs, which added a frame queue, a packet per 1024 samples and
 * a write callback per piece, all for bytes equal to the resampler's output: libswresample alone
 * now makes them (audio/README.md has the before and after), and audio already at 24 kHz is only
 * put in little-endian order in Java.
 */
final class PcmEncoder implements SpeechEncoder {
  static final int RATE = 24_000;
  private final SwrContext swr;
  private final PointerPointer<Pointer> in = new PointerPointer<>(1);
  private final PointerPointer<Pointer> to = new PointerPointer<>(1);
  private ShortPointer samples = new ShortPointer(0);
  private ShortPointer converted = new ShortPointer(0);

  PcmEncoder(int inRate) {
    if (inRate == RATE) {
      swr = null;
      return;
    }
    String missing = Ffmpeg.unavailable();
    if (missing != null) {
      throw ServeException.unavailable(missing, 3600);
    }
    swr = new SwrContext(null);
    var mono = new AVChannelLayout();
    av_channel_layout_default(mono, 1);
    int set =
        swr_alloc_set_opts2(
            swr, mono, AV_SAMPLE_FMT_S16, RATE, mono, AV_SAMPLE_FMT_S16, inRate, 0, null);
    if (set < 0 || swr_init(swr) < 0) {
      close();
      throw ServeException.engineFailure("FFmpeg failed at resampler: " + Ffmpeg.error(set), null);
    }
  }

  @Override
  public byte[] encode(short[] chunk) {
    if (swr == null) {
      return WavWriter.littleEndian(chunk);
    }
    if (chunk.length == 0) {
      return new byte[0];
    }
    if (samples.capacity() < chunk.length) {
      samples.close();
      samples = new ShortPointer(chunk.length);
    }
    samples.put(chunk, 0, chunk.length);
    in.put(0, samples);
    return convert(in, chunk.length);
  }

  @Override
  public byte[] finish() {
    return swr == null ? new byte[0] : convert(null, 0); // what the filter still holds
  }

  private byte[] convert(PointerPointer<Pointer> input, int count) {
    int room = swr_get_out_samples(swr, count);
    if (room <= 0) {
      return new byte[0];
    }
    if (converted.capacity() < room) {
      converted.close();
      converted = new ShortPointer(room);
    }
    to.put(0, converted);
    int got = swr_convert(swr, to, room, input, count);
    if (got < 0) {
      throw ServeException.engineFailure("FFmpeg failed at resampling: " + Ffmpeg.error(got), null);
    }
    short[] out = new short[got];
    converted.position(0).get(out, 0, got);
    return WavWriter.littleEndian(out);
  }

  @Override
  public void close() {
    if (swr != null) {
      swr_free(swr);
    }
    samples.close();
    converted.close();
  }
}
