package dev.mixserve.gateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events on a response, each event written and flushed at once: nothing waits in a
 * buffer, so a token reaches the client as soon as the engine made it. The status and headers go
 * out with the first event, so that a request failing before any event still gets a JSON error. A
 * write to a client that went away throws {@link UncheckedIOException}.
 */
public final class SseWriter implements AutoCloseable {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerResponse response;
  private OutputStream out;

  public SseWriter(ServerResponse response) {
    this.response = response;
  }

  public boolean opened() {
    return out != null;
  }

  public void data(byte[] json) {
    byte[] event = new byte[DATA.length + json.length + END.length];
    System.arraycopy(DATA, 0, event, 0, DATA.length);
    System.arraycopy(json, 0, event, DATA.length, json.length);
    System.arraycopy(END, 0, event, DATA.length + json.length, END.length);
    write(event);
  }

  /** One whole event, already framed ("data: ...\n\n"). */
  public void event(byte[] framed) {
    write(framed);
  }

  /** An SSE comment: clients ignore it, proxies and the client's socket see the line alive. */
  public void keepAlive() {
    write(KEEP_ALIVE);
  }

  public void done() {
    write(DONE);
  }

  private void write(byte[] bytes) {
    try {
      if (out == null) {
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        response.header(HeaderNames.create("X-Accel-Buffering"), "no");
        out = response.outputStream();
      }
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("client went away", e);
    } catch (ServerConnectionException e) {
      // Helidon's own unchecked form of the same failure.
      throw new UncheckedIOException("client went away", new IOException(e));
    }
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("client went away", e);
      } catch (ServerConnectionException e) {
        throw new UncheckedIOException("client went away", new IOException(e));
      }
    }
  }
}
