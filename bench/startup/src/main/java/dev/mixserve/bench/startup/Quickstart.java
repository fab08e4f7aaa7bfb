package dev.mixserve.bench.startup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The README's Quickstart requests for the deployments that load without a download. */
final class Quickstart {
  private static final String BOUNDARY = "mixserve-bench-startup";

  private Quickstart() {}

  /** Runs them in order; each must answer 200 with the shape the README shows. */
  static void run(HttpClient http, ServerRun server) throws IOException, InterruptedException {
    expect(
        post(
            http,
            server,
            "/embeddings/v1/embeddings",
            "{\"input\": [\"hello world\", \"bonjour le monde\"]}"),
        "\"embedding\"");
    expect(
        post(
            http,
            server,
            "/reranker/v1/rerank",
            "{\"query\": \"capital of France\", \"documents\": [\"Bananas are yellow\","
                + " \"Paris is the capital of France\"]}"),
        "\"relevance_score\"");
    expect(
        post(
            http,
            server,
            "/reranker/rerank",
            "{\"query\": \"capital of France\", \"texts\": [\"Bananas\", \"Paris is the capital\"],"
                + " \"raw_scores\": true}"),
        "\"score\"");
    byte[] mp3 =
        send(
            http,
            json(
                server,
                "/tts/v1/audio/speech",
                "{\"input\": \"Hello from mixserve.\", \"voice\": \"alloy\"}"),
            "/tts/v1/audio/speech");
    expect(send(http, transcription(server, mp3), "/whisper/v1/audio/transcriptions"), "\"text\"");
  }

  private static byte[] post(HttpClient http, ServerRun server, String path, String body)
      throws IOException, InterruptedException {
    return send(http, json(server, path, body), path);
  }

  private static HttpRequest json(ServerRun server, String path, String body) {
    return HttpRequest.newBuilder(server.uri(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpRequest transcription(ServerRun server, byte[] mp3) throws IOException {
    var body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hello.mp3\""
                + "\r\nContent-Type: audio/mpeg\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.write(mp3);
    body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return HttpRequest.newBuilder(server.uri("/whisper/v1/audio/transcriptions"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
  }

  private static byte[] send(HttpClient http, HttpRequest req, String path)
      throws IOException, InterruptedException {
    var res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    if (res.statusCode() != 200 || res.body().length == 0) {
      throw new IOException(
          path
              + " answered "
              + res.statusCode()
              + ": "
              + new String(res.body(), StandardCharsets.UTF_8));
    }
    return res.body();
  }

  private static void expect(byte[] body, String needle) throws IOException {
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.contains(needle)) {
      throw new IOException("expected " + needle + " in " + text);
    }
  }
}
