package dev.mixserve.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body built in memory (audio clips are small enough to hold). */
final class Multipart {
  private final String boundary = "mixserve-" + UUID.randomUUID();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  Multipart field(String name, String value) {
    head("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
    out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  Multipart file(String name, String filename, String type, byte[] content) {
    head(
        "Content-Disposition: form-data; name=\""
            + name
            + "\"; filename=\""
            + filename.replace("\"", "")
            + "\"\r\nContent-Type: "
            + type
            + "\r\n\r\n");
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  byte[] build() {
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private void head(String headers) {
    out.writeBytes(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
  }
}
