package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #16, item 1: hostile or merely big multipart uploads must not stall the server. Uploads go
 * to the root transcription path, where the form is parsed to find the model before any deployment
 * is chosen, so no speech engine is needed.
 */
public class UploadStallIT {
  /**
   * What "promptly" means here: far above a health check's few milliseconds, even on two cores
   * shared with other builds, and far below the 12 s it took when two 2 MB uploads pinned both
   * carrier threads (the long-boundary uploads below are 4 MB, so that before the fix they took
   * longer than this on fast machines too).
   */
  private static final Duration PROMPT = Duration.ofSeconds(8);

  private static MixserveServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** Its own client, so that the health checks do not queue behind the uploads' bytes. */
  private static final HttpClient HEALTH = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    var cfg =
        ConfigLoader.parse(
            """
            server: {host: 127.0.0.1, port: 0}
            deployments:
              - {name: echo, task: embedding, engine: {kind: echo}}
            """,
            "UploadStallIT");
    server =
        MixserveServer.start(
            cfg, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()));
    server.loaded().get(30, TimeUnit.SECONDS);
    health(); // the first answer loads classes; that is not what is measured
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aBoundaryLongerThanRfc2046AllowsIsRefusedAndHealthStaysPrompt() throws Exception {
    // The shape that made the old byte-by-byte search cost body × boundary: runs of the boundary's
    // own character that stop one short of a whole boundary.
    String boundary = "-".repeat(15_000);
    byte[] body = nearMisses(4 << 20, boundary.length() - 1);
    List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      uploads.add(CLIENT.sendAsync(upload(boundary, body), HttpResponse.BodyHandlers.ofString()));
    }
    assertHealthPromptWhilePending(uploads);
    for (var u : uploads) {
      var r = u.get(60, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).contains("\"type\":\"invalid_request_error\"").contains("boundary");
    }
  }

  @Test
  void bigUploadsWithTheLongestBoundaryLeaveHealthPrompt() throws Exception {
    String boundary = "-".repeat(70);
    byte[] file = nearMisses(8 << 20, boundary.length() + 1);
    byte[] body = form(boundary, file);
    List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      uploads.add(CLIENT.sendAsync(upload(boundary, body), HttpResponse.BodyHandlers.ofString()));
    }
    assertHealthPromptWhilePending(uploads);
    for (var u : uploads) {
      var r = u.get(120, TimeUnit.SECONDS);
      // parsed in full: the model field was found, and no deployment transcribes here
      assertThat(r.body()).contains("whisper-1");
      assertThat(r.statusCode()).as(r.body()).isIn(404, 503);
    }
  }

  /**
   * Asks /-/healthz over and over until every upload is answered: the uploads' bodies take a while
   * to arrive, so a single early check would come before any parsing started.
   */
  private static void assertHealthPromptWhilePending(List<? extends CompletableFuture<?>> uploads)
      throws Exception {
    var all = CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new));
    int checks = 0;
    do {
      long start = System.nanoTime();
      assertThat(health().statusCode()).isEqualTo(200);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took)
          .as("/-/healthz while uploads are parsed, check " + checks)
          .isLessThan(PROMPT);
      checks++;
      try {
        all.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // still parsing, or done with a failure the caller looks at
      }
    } while (!all.isDone());
  }

  private static HttpResponse<String> health() throws Exception {
    return HEALTH.send(
        HttpRequest.newBuilder(uri("/-/healthz")).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest upload(String boundary, byte[] body) {
    return HttpRequest.newBuilder(uri("/v1/audio/transcriptions"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** A model field, then a file part holding {@code file}. */
  private static byte[] form(String boundary, byte[] file) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** {@code size} bytes of "\r\n" followed by {@code run} dashes, over and over. */
  public static byte[] nearMisses(int size, int run) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      int at = i % (run + 3);
      b[i] = at == 0 ? (byte) 'x' : at == 1 ? (byte) '\r' : at == 2 ? (byte) '\n' : (byte) '-';
    }
    return b;
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
