package dev.mixserve.bench.common;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 connection, kept alive: each request goes out in one write and its answer
 * (Content-Length or chunked) is read to the last byte, as curl does. Not java.net.http.HttpClient:
 * its selector thread and executor hand-offs cost 1–4 ms a request on 2 cores (more than FreeTTS
 * takes to speak a sentence, or a BGE-small batch costs per text), time the benchmark would have
 * charged to the gateway.
 */
public final class KeepAliveConnection implements AutoCloseable {
  /** A status and a whole body. */
  public record Response(int status, byte[] body) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public KeepAliveConnection(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
  }

  public Response post(String path, String contentType, byte[] body) throws IOException {
    var request = new ByteArrayOutputStream(body.length + 256);
    request.writeBytes(
        ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType)
            .concat("\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(body);
    request.writeTo(out);
    out.flush();
    return read();
  }

  private Response read() throws IOException {
    int status = Integer.parseInt(line().split(" ")[1]);
    long length = -1;
    boolean chunked = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    return new Response(status, chunked ? chunks() : in.readNBytes((int) Math.max(0, length)));
  }

  private byte[] chunks() throws IOException {
    var body = new ByteArrayOutputStream();
    for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; line()) {
      body.write(in.readNBytes(size));
    }
    for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
      // trailers carry nothing the benchmark needs
    }
    return body.toByteArray();
  }

  private String line() throws IOException {
    var s = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("connection closed by the server");
      }
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return s.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
