package dev.mixserve.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * FFmpeg's libraries, from the org.bytedeco jars (natives inside, unpacked once to
 * ~/.javacpp/cache): loaded on first use, silenced (we report errors ourselves), and the I/O
 * callbacks that move bytes between Java and FFmpeg's muxers and demuxers.
 *
 * <p>JavaCPP allows only a few live instances of each callback class, so there is one of each,
 * shared, and the {@code opaque} pointer FFmpeg hands back names the stream it belongs to.
 */
final class Ffmpeg {
  static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux

  /** What a stream's callbacks act on. */
  interface Io {
    default int read(BytePointer buf, int size) {
      return org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
    }

    default int write(BytePointer buf, int size) {
      return -1;
    }

    default long seek(long offset, int whence) {
      return -1;
    }
  }

  private static final Map<Long, Io> STREAMS = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong(1);
  private static volatile String failure;
  private static volatile boolean loaded;

  static final Read_packet_Pointer_BytePointer_int READ =
      new Read_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
          return STREAMS.get(id(opaque)).read(buf, size);
        }
      };
  static final Write_packet_Pointer_BytePointer_int WRITE =
      new Write_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
          return STREAMS.get(id(opaque)).write(buf, size);
        }
      };
  static final Seek_Pointer_long_int SEEK =
      new Seek_Pointer_long_int() {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
          return STREAMS.get(id(opaque)).seek(offset, whence);
        }
      };

  private Ffmpeg() {}

  /** Loads the libraries once; the reason they could not be, or null. */
  static synchronized String unavailable() {
    if (!loaded && failure == null) {
      try {
        av_log_set_level(AV_LOG_QUIET);
        loaded = true;
      } catch (LinkageError | RuntimeException e) {
        failure = "FFmpeg's libraries did not load (" + e + ")";
      }
    }
    return failure;
  }

  /** Registers a stream's callbacks; the pointer to pass as FFmpeg's opaque. */
  static Pointer register(Io io) {
    long id = IDS.getAndIncrement();
    STREAMS.put(id, io);
    return new LongPointer(1).put(id);
  }

  /** A bare native address, for pointer arrays FFmpeg reads. */
  static Pointer at(long address) {
    return new Pointer() {
      {
        this.address = address;
      }
    };
  }

  static void unregister(Pointer opaque) {
    STREAMS.remove(id(opaque));
    opaque.close();
  }

  private static long id(Pointer opaque) {
    return new LongPointer(opaque).get();
  }

  static String error(int code) {
    byte[] buf = new byte[256];
    av_strerror(code, buf, buf.length);
    int end = 0;
    while (end < buf.length && buf[end] != 0) {
      end++;
    }
    return new String(buf, 0, end, java.nio.charset.StandardCharsets.UTF_8);
  }
}
