package dev.mixserve.controller.health;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** The smallest real request of each task. */
final class ProbeRequests {
  private static final String BOUNDARY = "mixserve-health-probe";

  private ProbeRequests() {}

  /**
   * The smallest real request of {@code d}'s task in the shape its server takes: TEI reranks only
   * on its own /rerank; Coqui's tts-server knows no OpenAI voice (its default speaker speaks when
   * none is named) and writes mp3 only through an encoder it may lack, so the probe asks for WAV.
   */
  static HttpRequest.Builder of(URI base, Deployment d) {
    String kind = d.engine().kind();
    if (kind.equals("tei") && d.task() == Task.RERANK) {
      return json(base, "/rerank", "{\"query\":\"ok\",\"texts\":[\"ok\",\"no\"]}");
    }
    if (kind.equals("xtts") && d.task() == Task.SPEECH) {
      return json(
          base,
          "/v1/audio/speech",
          "{\"model\":" + quote(d.name()) + ",\"input\":\"ok\",\"response_format\":\"wav\"}");
    }
    return of(base, d.name(), d.task());
  }

  static HttpRequest.Builder of(URI base, String model, Task task) {
    String m = quote(model);
    return switch (task) {
      case CHAT ->
          json(
              base,
              "/v1/chat/completions",
              "{\"model\":"
                  + m
                  + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1}");
      case EMBEDDING -> json(base, "/v1/embeddings", "{\"model\":" + m + ",\"input\":\"ok\"}");
      case RERANK ->
          json(
              base,
              "/v1/rerank",
              "{\"model\":" + m + ",\"query\":\"ok\",\"documents\":[\"ok\",\"no\"]}");
      case SPEECH ->
          json(
              base,
              "/v1/audio/speech",
              "{\"model\":" + m + ",\"input\":\"ok\",\"voice\":\"alloy\"}");
      case TRANSCRIPTION ->
          HttpRequest.newBuilder(resolve(base, "/v1/audio/transcriptions"))
              .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
              .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(model)));
    };
  }

  private static HttpRequest.Builder json(URI base, String path, String body) {
    return HttpRequest.newBuilder(resolve(base, path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** Keeps a base path such as http://host/engine, which URI.resolve("/v1/...") would drop. */
  static URI resolve(URI base, String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }

  private static byte[] multipart(String model) {
    String dash = "--" + BOUNDARY + "\r\n";
    String head =
        dash
            + "Content-Disposition: form-data; name=\"model\"\r\n\r\n"
            + model
            + "\r\n"
            + dash
            + "Content-Disposition: form-data; name=\"file\"; filename=\"silence.wav\"\r\n"
            + "Content-Type: audio/wav\r\n\r\n";
    var out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(SilentWav.bytes());
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String quote(String s) {
    var sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"', '\\' -> sb.append('\\').append(c);
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
