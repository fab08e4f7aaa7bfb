package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixserve.api.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed's topology on one machine ({@link LocalCluster}): a head and four workers as five
 * processes on loopback, static discovery. Every route, alias and protocol answers through the
 * head, from the worker the plan names; a worker killed with SIGKILL is a 503 with the reason,
 * never a hang, and is used again once it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConcurrentLinkedQueue<String> LOG = new ConcurrentLinkedQueue<>();
  private static LocalCluster cluster;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("mixserve-cluster-it");
    Path model = TestModels.path("llm/stories260K.gguf");
    cluster = LocalCluster.start(dir, model, LOG::add);
    if (!DemoCommand.awaitReady(cluster.url(), Duration.ofMinutes(4))) {
      throw new IllegalStateException("the head did not become ready:\n" + String.join("\n", LOG));
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** One request, as a client sends it; the node that answered it. */
  record Ask(String node, String method, String path, String host, String type, byte[] body) {
    static Ask json(String node, String path, String body) {
      return new Ask(node, "POST", path, null, "application/json", body.getBytes());
    }

    Ask at(String alias) {
      return new Ask(node, method, path, alias, type, body);
    }
  }

  /** An answer: its status, the node that served it, its body. */
  record Heard(int statusCode, String node, byte[] body) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends as a client would, over a socket of its own so that a KServe alias can go in the Host
   * header (java.net.http will not set Host), and reads the answer to the connection's end.
   */
  static Heard send(Ask a) throws Exception {
    return send(cluster.url(), a);
  }

  static Heard send(String base, Ask a) throws Exception {
    var url = URI.create(base);
    try (var s = new java.net.Socket(url.getHost(), url.getPort())) {
      s.setSoTimeout(60_000);
      var head =
          a.method()
              + " "
              + a.path()
              + " HTTP/1.1\r\nHost: "
              + (a.host() == null ? url.getAuthority() : a.host())
              + "\r\nConnection: close\r\n"
              + (a.type() == null ? "" : "Content-Type: " + a.type() + "\r\n")
              + "Content-Length: "
              + a.body().length
              + "\r\n\r\n";
      var out = s.getOutputStream();
      out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      out.write(a.body());
      byte[] all = s.getInputStream().readAllBytes();
      String text = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      String node = null;
      boolean chunked = false;
      for (String l : lines) {
        String lower = l.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("x-mixserve-node:")) {
          node = l.substring(l.indexOf(':') + 1).strip();
        }
        chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
      }
      byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
      return new Heard(status, node, chunked ? dechunk(body) : body);
    }
  }

  private static byte[] dechunk(byte[] b) {
    var out = new java.io.ByteArrayOutputStream();
    int i = 0;
    while (i < b.length) {
      int eol = i;
      while (b[eol] != '\r') {
        eol++;
      }
      String size = new String(b, i, eol - i, java.nio.charset.StandardCharsets.ISO_8859_1);
      int n = Integer.parseInt(size.split(";")[0].strip(), 16);
      if (n == 0) {
        break;
      }
      out.write(b, eol + 2, n);
      i = eol + 2 + n + 2;
    }
    return out.toByteArray();
  }

  static List<Ask> everyProtocol() throws Exception {
    String emb = "{\"model\":\"embeddings\",\"input\":\"hello world\"}";
    String rerank =
        "{\"model\":\"reranker\",\"query\":\"capital of France\",\"documents\":[\"Bananas\","
            + "\"Paris is the capital of France\"]}";
    String chat =
        "{\"model\":\"llm\",\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}],"
            + "\"max_tokens\":8}";
    String speech = "{\"model\":\"tts-1\",\"input\":\"Hello from the cluster.\"}";
    var asks = new ArrayList<Ask>();
    asks.add(Ask.json("drizzt", "/embeddings/v1/embeddings", emb));
    asks.add(Ask.json("drizzt", "/v1/embeddings", emb));
    asks.add(Ask.json("drizzt", "/openai/v1/embeddings", emb));
    asks.add(Ask.json("drizzt", "/v1/embeddings", emb).at("embeddings-predictor.ai-ml"));
    asks.add(
        Ask.json("drizzt", "/v1/models/embeddings:predict", "{\"instances\":[\"hello\"]}")
            .at("embeddings-predictor.ai-ml.svc.cluster.local:80"));
    asks.add(
        Ask.json(
            "drizzt",
            "/v2/models/embeddings/infer",
            "{\"inputs\":[{\"name\":\"text\",\"shape\":[1],\"datatype\":\"BYTES\","
                + "\"data\":[\"hello\"]}]}"));
    asks.add(Ask.json("danilo", "/reranker/v1/rerank", rerank));
    asks.add(Ask.json("danilo", "/v2/rerank", rerank));
    asks.add(Ask.json("danilo", "/v1/rerank", rerank).at("reranker-predictor.ai-ml"));
    asks.add(Ask.json("khelben", "/llm/v1/chat/completions", chat));
    asks.add(Ask.json("khelben", "/v1/chat/completions", chat).at("llm-predictor.ai-ml"));
    asks.add(
        Ask.json(
            "khelben",
            "/v1/completions",
            "{\"model\":\"llm\",\"prompt\":\"Once upon a time\",\"max_tokens\":8}"));
    asks.add(Ask.json("elminster", "/tts/v1/audio/speech", speech));
    asks.add(Ask.json("elminster", "/v1/audio/speech", speech).at("tts-predictor.ai-ml"));
    return asks;
  }

  @Test
  @Order(1)
  void everyRouteAliasAndProtocolIsServedByTheWorkerThePlanNames() throws Exception {
    for (Ask a : everyProtocol()) {
      var res = send(a);
      String what = a.path() + (a.host() == null ? "" : " Host: " + a.host());
      assertThat(res.statusCode()).as(what + ": " + res.text()).isEqualTo(200);
      assertThat(res.node()).as(what).isEqualTo(a.node());
    }
  }

  @Test
  @Order(2)
  void speechMadeOnOneWorkerIsTranscribedThroughTheHead() throws Exception {
    var wav =
        send(Ask.json(
                "elminster",
                "/tts/v1/audio/speech",
                "{\"input\":\"hello world\",\"response_format\":\"wav\"}"))
            .body();
    String boundary = "cluster-it";
    var body = new java.io.ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n")
            .getBytes());
    body.writeBytes(wav);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());
    var res =
        send(
            new Ask(
                "elminster",
                "POST",
                "/v1/audio/transcriptions",
                null,
                "multipart/form-data; boundary=" + boundary,
                body.toByteArray()));
    assertThat(res.statusCode()).as(res.text()).isEqualTo(200);
    assertThat(res.node()).isEqualTo("elminster");
    assertThat(JSON.readTree(res.body()).path("text").asText()).isNotBlank();
  }

  @Test
  @Order(3)
  void theHeadsStatusShowsTheWholeCluster() throws Exception {
    var status =
        JSON.readTree(
            CLIENT
                .send(
                    HttpRequest.newBuilder(URI.create(cluster.url() + "/-/status")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    var placed = new HashSet<String>();
    status
        .path("plan")
        .path("assignments")
        .forEach(a -> placed.add(a.path("deployment").asText() + "@" + a.path("node").asText()));
    assertThat(placed)
        .containsExactlyInAnyOrder(
            "llm@khelben",
            "whisper@elminster",
            "tts@elminster",
            "embeddings@drizzt",
            "reranker@danilo");
    var replicas = new HashSet<String>();
    status
        .path("replicas")
        .forEach(r -> replicas.add(r.path("deployment").asText() + ":" + r.path("state").asText()));
    assertThat(replicas).hasSize(5).allMatch(r -> r.endsWith(":running"));
  }

  @Test
  @Order(4)
  void aKilledWorkerIsA503WithTheReasonNeverAHangAndIsUsedAgainWhenBack() throws Exception {
    var tts = Ask.json("elminster", "/tts/v1/audio/speech", "{\"input\":\"hi\"}");
    var embeddings = everyProtocol().getFirst();
    cluster.process("elminster").toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    cluster.process("elminster").destroyForcibly().waitFor();
    long killed = System.nanoTime();
    // elminster's deployments are pinned to it (placement.node): nowhere else fits, so each
    // request is answered at once with 503 and the reason; the other workers serve on
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      var res = send(tts);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
      assertThat(res.statusCode()).as(res.text()).isEqualTo(503);
      assertThat(res.text()).containsIgnoringCase("tts");
      assertThat(send(embeddings).statusCode()).isEqualTo(200);
    }
    System.out.printf(
        "cluster: 5 requests to a killed worker's route answered 503 within %d ms of SIGKILL%n",
        Duration.ofNanos(System.nanoTime() - killed).toMillis());
    cluster.startWorker("elminster");
    long back = System.nanoTime();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> send(tts).statusCode() == 200);
    assertThat(send(tts).node()).isEqualTo("elminster");
    System.out.printf(
        "cluster: the restarted worker served again %d ms after it was started%n",
        Duration.ofNanos(System.nanoTime() - back).toMillis());
  }
}
