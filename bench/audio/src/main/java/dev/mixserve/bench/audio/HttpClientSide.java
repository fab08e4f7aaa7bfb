package dev.mixserve.bench.audio;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The client half: multipart uploads and speech requests over one keep-alive connection. */
final class HttpClientSide {
  private static final String BOUNDARY = "----mixserve-bench";
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int port;

  HttpClientSide(int port) {
    this.port = port;
  }

  String transcribe(String path, byte[] wav) throws Exception {
    byte[] head =
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\""
                + "\r\nContent-Type: audio/wav\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    var r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, wav, tail)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    check(r);
    return new ObjectMapper().readTree(r.body()).get("text").asText();
  }

  byte[] speak(String path, String text) throws Exception {
    String json = new ObjectMapper().writeValueAsString(java.util.Map.of("input", text));
    var r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    check(r);
    return r.body();
  }

  private static void check(HttpResponse<byte[]> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
  }
}
