package dev.mixserve.bench.audio;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixserve.bench.common.KeepAliveConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The client half: multipart uploads and speech requests over one keep-alive connection. Bodies are
 * built before the clock starts (callers pass what {@link #form} and {@link #speech} return), so
 * the timed part is the exchange itself.
 */
final class HttpClientSide implements AutoCloseable {
  private static final String BOUNDARY = "----mixserve-bench";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KeepAliveConnection connection;

  HttpClientSide(int port) throws IOException {
    this.connection = new KeepAliveConnection(port);
  }

  /** A multipart/form-data body with the clip as its "file" part. */
  static byte[] form(byte[] wav) {
    var body = new ByteArrayOutputStream(wav.length + 256);
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\""
                + "\r\nContent-Type: audio/wav\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(wav);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  /** An OpenAI speech request body for {@code text}, as WAV. */
  static byte[] speech(String text) throws IOException {
    return speech(text, "wav");
  }

  static byte[] speech(String text, String format) throws IOException {
    return JSON.writeValueAsBytes(Map.of("input", text, "response_format", format));
  }

  String transcribe(String path, byte[] form) throws IOException {
    byte[] body = check(connection.post(path, "multipart/form-data; boundary=" + BOUNDARY, form));
    return JSON.readTree(body).get("text").asText();
  }

  byte[] speak(String path, byte[] json) throws IOException {
    return check(connection.post(path, "application/json", json));
  }

  private static byte[] check(KeepAliveConnection.Response r) {
    if (r.status() != 200) {
      throw new IllegalStateException(
          "HTTP " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body();
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
