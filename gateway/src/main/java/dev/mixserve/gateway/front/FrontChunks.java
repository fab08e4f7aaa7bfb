package dev.mixserve.gateway.front;

/**
 * Finds where a chunked body ends while its bytes pass through unchanged: the front door forwards
 * chunked answers as they come (SSE stays streamed) and needs only to know when the next message on
 * the connection begins. With a {@link Sink} it also hands out the data, so that a chunked request
 * can be re-framed before anyone else reads it.
 */
public final class FrontChunks {
  FrontChunks() {
    this(false);
  }

  /**
   * {@code strict} for a request: chunk extensions are refused, as the handler's own parser
   * (Helidon) cannot read them and smuggling has hidden in them.
   */
  FrontChunks(boolean strict) {
    this.strict = strict;
  }

  /** Receives the data of each chunk, without its framing. */
  interface Sink {
    void data(byte[] buf, int from, int length) throws FrontHead.Malformed;
  }

  private enum State {
    SIZE,
    EXTENSION,
    SIZE_LF,
    DATA,
    DATA_CR,
    DATA_LF,
    TRAILER,
    TRAILER_LINE,
    END_LF,
    DONE
  }

  private final boolean strict;
  private State state = State.SIZE;
  private long left;
  private int digits;

  /**
   * Reads {@code buf[from, to)}; returns the index just past the body's end, or -1 when the body
   * goes on. Throws for bytes that are not chunked framing.
   */
  int scan(byte[] buf, int from, int to) throws FrontHead.Malformed {
    return scan(buf, from, to, null);
  }

  /** As {@link #scan(byte[], int, int)}, giving each piece of chunk data to {@code sink}. */
  int scan(byte[] buf, int from, int to, Sink sink) throws FrontHead.Malformed {
    int i = from;
    while (i < to) {
      byte b = buf[i];
      switch (state) {
        case SIZE -> {
          int d = Character.digit(b, 16);
          if (d >= 0) {
            if (++digits > 15) {
              throw new FrontHead.Malformed("chunk size too large");
            }
            left = left * 16 + d;
          } else if (digits > 0 && (b == ';' || b == ' ' || b == '\t')) {
            if (strict) {
              throw new FrontHead.Malformed("chunk extensions are not accepted");
            }
            state = State.EXTENSION;
          } else if (digits > 0 && b == '\r') {
            state = State.SIZE_LF;
          } else {
            throw new FrontHead.Malformed("bad chunk size");
          }
          i++;
        }
        case EXTENSION -> {
          if (b == '\r') {
            state = State.SIZE_LF;
          }
          i++;
        }
        case SIZE_LF -> {
          expect(b, '\n');
          digits = 0;
          state = left == 0 ? State.TRAILER : State.DATA;
          i++;
        }
        case DATA -> {
          int n = (int) Math.min(left, to - i);
          if (sink != null && n > 0) {
            sink.data(buf, i, n);
          }
          left -= n;
          i += n;
          if (left == 0) {
            state = State.DATA_CR;
          }
        }
        case DATA_CR -> {
          expect(b, '\r');
          state = State.DATA_LF;
          i++;
        }
        case DATA_LF -> {
          expect(b, '\n');
          state = State.SIZE;
          i++;
        }
        case TRAILER -> {
          state = b == '\r' ? State.END_LF : State.TRAILER_LINE;
          i++;
        }
        case TRAILER_LINE -> {
          if (b == '\n') {
            state = State.TRAILER;
          }
          i++;
        }
        case END_LF -> {
          expect(b, '\n');
          state = State.DONE;
          return i + 1;
        }
        case DONE -> {
          return i;
        }
      }
    }
    return state == State.DONE ? i : -1;
  }

  private static void expect(byte b, char c) throws FrontHead.Malformed {
    if (b != c) {
      throw new FrontHead.Malformed("bad chunk framing");
    }
  }
}
