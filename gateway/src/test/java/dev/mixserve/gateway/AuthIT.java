package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call what, as one table: every route and protocol × every kind of key × the front door
 * (forwarding to a replica itself, or passing to the handler) and the handler taking the port
 * alone. The same request must get the same answer whichever way it goes.
 */
public class AuthIT {
  @TempDir static Path dir;
  static RawUpstream upstream;
  static MixserveServer front;
  static MixserveServer handlerOnly;
  static final ObjectMapper JSON = new ObjectMapper();

  /** {@code kind}: what a good key gets (deployment: 200, admin: 403, key: any key, open). */
  record Row(String name, String method, String host, String path, String body, String kind) {}

  static final String EMBED = "{\"input\":\"a\",\"model\":\"echo\"}";
  static final String INFER =
      "{\"inputs\":[{\"name\":\"text\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"a\"]}]}";

  static List<Row> rows() {
    return List.of(
        new Row("prefix, replica (direct)", "POST", null, "/raw/v1/embeddings", EMBED, "dep"),
        new Row("prefix, in the JVM", "POST", null, "/echo/v1/embeddings", EMBED, "dep"),
        new Row("root dispatch by model", "POST", null, "/v1/embeddings", EMBED, "dep"),
        new Row("/openai/v1 prefix", "POST", null, "/openai/v1/embeddings", EMBED, "dep"),
        new Row("alias, replica", "POST", "raw-predictor.ai-ml", "/v1/embeddings", EMBED, "dep"),
        new Row(
            "alias, in the JVM", "POST", "echo-predictor.ai-ml:80", "/v1/embeddings", EMBED, "dep"),
        new Row(
            "KServe V1 at the root",
            "POST",
            null,
            "/v1/models/echo:predict",
            "{\"instances\":[\"a\"]}",
            "dep"),
        new Row("KServe V2 at the root", "POST", null, "/v2/models/echo/infer", INFER, "dep"),
        new Row(
            "KServe V2 under a prefix", "POST", null, "/echo/v2/models/echo/infer", INFER, "dep"),
        new Row("KServe V2 metadata", "GET", null, "/v2/models/echo", null, "dep"),
        new Row(
            "chat",
            "POST",
            null,
            "/talk/v1/chat/completions",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "dep"),
        new Row("models at the root", "GET", null, "/v1/models", null, "key"),
        new Row("KServe server metadata", "GET", null, "/v2", null, "key"),
        new Row("no such route", "GET", null, "/nowhere", null, "key"),
        new Row("status", "GET", null, "/-/status", null, "admin"),
        new Row("routes", "GET", null, "/-/routes", null, "admin"),
        new Row("reload", "POST", null, "/-/reload", null, "admin"),
        new Row("metrics", "GET", null, "/metrics", null, "admin"),
        new Row("admin through dot-segments", "GET", null, "/echo/../-/status", null, "admin"),
        new Row("dashboard", "GET", null, "/ui/", null, "admin"),
        new Row("dashboard script", "GET", null, "/ui/js/recorder.js", null, "admin"),
        new Row("dashboard's config view", "GET", null, "/-/config", null, "admin"),
        new Row("a model by id", "GET", null, "/v1/models/echo", null, "dep"),
        new Row("liveness", "GET", null, "/-/healthz", null, "open"),
        new Row("readiness", "GET", null, "/-/ready", null, "open"),
        new Row("KServe readiness", "GET", null, "/v2/health/ready", null, "open"));
  }

  @BeforeAll
  static void start() throws Exception {
    upstream = new RawUpstream();
    front =
        KeyedServer.start(
            dir.resolve("front"), upstream.port(), "server: {host: 127.0.0.1, port: 0}\n", "");
    handlerOnly =
        KeyedServer.start(
            dir.resolve("alone"),
            upstream.port(),
            "server: {host: 127.0.0.1, port: 0, front: \"off\"}\n",
            "");
    for (var s : List.of(front, handlerOnly)) {
      java.nio.file.Files.writeString(
          dir.resolve(s == front ? "front" : "alone").resolve("keys.yaml"),
          KeyedServer.keysFile(KeyedServer.FILED)); // REVOKED is revoked
      org.awaitility.Awaitility.await()
          .until(() -> !s.gateway().guard().identify(KeyedServer.REVOKED).known());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    front.close();
    handlerOnly.close();
    upstream.close();
  }

  /** What a row answers a key of each kind: the status a good (or admin) key gets is the row's. */
  static int expected(Row row, String key, int good) {
    boolean known = !key.equals("no key") && !key.equals("wrong key") && !key.equals("revoked key");
    if (row.kind().equals("open")) {
      return 200;
    }
    if (!known) {
      return 401;
    }
    return switch (row.kind()) {
      case "admin" -> key.equals("admin key") ? good : 403;
      case "dep" -> key.equals("out of scope") ? 403 : good;
      default -> good;
    };
  }

  static Map<String, String> keys() {
    var keys = new LinkedHashMap<String, String>();
    keys.put("no key", null);
    keys.put("wrong key", "msk-not-a-key");
    keys.put("revoked key", KeyedServer.REVOKED);
    keys.put("out of scope", KeyedServer.ELSEWHERE);
    keys.put("admin key", KeyedServer.ADMIN);
    keys.put("good key", KeyedServer.GOOD);
    keys.put("filed key", KeyedServer.FILED);
    return keys;
  }

  @Test
  void everyRouteAndProtocolAnswersEachKeyTheSameOnBothPaths() throws Exception {
    var report = new ArrayList<String>();
    var wrong = new ArrayList<String>();
    for (Row row : rows()) {
      var admin = send(front, row, KeyedServer.ADMIN);
      int good =
          row.kind().equals("admin") ? admin.status() : send(front, row, KeyedServer.GOOD).status();
      for (var k : keys().entrySet()) {
        var viaFront = send(front, row, k.getValue());
        var alone = send(handlerOnly, row, k.getValue());
        int want = expected(row, k.getKey(), good);
        String line =
            "%-28s %-13s front %d  handler alone %d  (want %d)"
                .formatted(row.name(), k.getKey(), viaFront.status(), alone.status(), want);
        report.add(line);
        String problem = problem(row, viaFront, want);
        if (problem == null) {
          problem = problem(row, alone, want);
        }
        if (problem == null
            && !viaFront.body().equals(alone.body())
            && want >= 400
            && want != 404) {
          problem = "bodies differ: " + viaFront.body() + " / " + alone.body();
        }
        if (problem != null) {
          wrong.add(line + ": " + problem);
        }
      }
    }
    System.out.println(String.join("\n", report));
    assertThat(wrong).as(String.join("\n", report)).isEmpty();
  }

  static KeyedServer.Answer send(MixserveServer s, Row row, String key) throws Exception {
    return KeyedServer.send(
        s.port(),
        row.method(),
        row.host(),
        row.path(),
        row.body(),
        "Authorization",
        key == null ? null : "Bearer " + key);
  }

  /** What is wrong with an answer, or null. */
  static String problem(Row row, KeyedServer.Answer a, int want) throws Exception {
    if (a.status() != want) {
      return "status " + a.status() + ": " + a.body();
    }
    if (want != 401 && want != 403) {
      return null;
    }
    boolean challenged = a.headers().firstValue("WWW-Authenticate").orElse("").equals("Bearer");
    if (challenged != (want == 401)) {
      return "WWW-Authenticate: " + a.headers().firstValue("WWW-Authenticate");
    }
    var body = JSON.readTree(a.body());
    boolean kserve =
        row.path().contains("/v2/models")
            || row.path().contains(":predict")
            || row.path().equals("/v2");
    if (kserve) {
      return body.path("error").isTextual() ? null : "not KServe's error body: " + a.body();
    }
    String code = body.path("error").path("code").asText();
    String type = body.path("error").path("type").asText();
    String wantCode = want == 401 ? "invalid_api_key" : "insufficient_permissions";
    return code.equals(wantCode) && type.equals("invalid_request_error")
        ? null
        : "not OpenAI's " + wantCode + ": " + a.body();
  }

  @Test
  void eachHeaderFormPresentsTheKeyOnEveryPath() throws Exception {
    var forms =
        Map.of(
            "Authorization", "Bearer " + KeyedServer.GOOD,
            "api-key", KeyedServer.GOOD,
            "x-api-key", KeyedServer.GOOD);
    for (var s : List.of(front, handlerOnly)) {
      for (String path : List.of("/raw/v1/embeddings", "/echo/v1/embeddings", "/v1/embeddings")) {
        for (var f : forms.entrySet()) {
          var a = KeyedServer.send(s.port(), "POST", null, path, EMBED, f.getKey(), f.getValue());
          assertThat(a.status()).as("%s %s", path, f.getKey()).isEqualTo(200);
          var wrong =
              KeyedServer.send(s.port(), "POST", null, path, EMBED, f.getKey(), "x" + f.getValue());
          assertThat(wrong.status()).as("%s %s wrong", path, f.getKey()).isEqualTo(401);
        }
        var basic =
            KeyedServer.send(
                s.port(), "POST", null, path, EMBED, "Authorization", "Basic Zm9vOmJhcg==");
        assertThat(basic.status()).isEqualTo(401);
      }
    }
  }

  /**
   * A request for a replica is refused by the front door itself, never handed to the handler, and
   * counted by its key's name; the key itself is nowhere in the metrics or the access log.
   */
  @Test
  void theFrontDoorRefusesByItselfAndNamesKeysNotTheirSecrets() throws Exception {
    var log = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    var access = java.util.logging.Logger.getLogger("mixserve.access");
    var handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            log.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    access.addHandler(handler);
    access.setLevel(java.util.logging.Level.FINE);
    try {
      String before = scrape();
      for (int i = 0; i < 5; i++) {
        assertThat(
                KeyedServer.bearer(front.port(), "POST", "/raw/v1/embeddings", EMBED, null)
                    .status())
            .isEqualTo(401);
      }
      assertThat(
              KeyedServer.bearer(
                      front.port(), "POST", "/raw/v1/embeddings", EMBED, KeyedServer.GOOD)
                  .status())
          .isEqualTo(200);
      assertThat(
              KeyedServer.bearer(
                      front.port(), "POST", "/echo/v1/embeddings", EMBED, KeyedServer.GOOD)
                  .status())
          .isEqualTo(200);
      String after = scrape();
      String handed = "mixserve_front_handler_total{reason=\"route\"}";
      assertThat(MetricsText.value(after, handed) - MetricsText.value(before, handed))
          .as("only the second scrape and the /echo request went to the handler")
          .isEqualTo(2);
      String none = "mixserve_key_requests_total{key=\"none\",status=\"401\"}";
      assertThat(MetricsText.value(after, none) - MetricsText.value(before, none)).isEqualTo(5);
      assertThat(after).contains("mixserve_key_requests_total{key=\"good\",status=\"200\"}");
      assertThat(after).doesNotContain(KeyedServer.GOOD).doesNotContain("msk-");
      assertThat(log)
          .anyMatch(l -> l.matches("POST /raw/v1/embeddings 401 .* key=none .*via=front"));
      assertThat(log)
          .anyMatch(
              l -> l.matches("POST /raw/v1/embeddings 200 .* key=good deployment=raw via=direct"));
      assertThat(log)
          .anyMatch(
              l ->
                  l.matches(
                      "POST /echo/v1/embeddings 200 .* key=good deployment=echo via=handler"));
      assertThat(String.join("\n", log)).doesNotContain("msk-");
    } finally {
      access.removeHandler(handler);
      access.setLevel(null);
    }
  }

  /** A scoped key sees only what it may call in the root model list. */
  @Test
  void theModelListShowsAKeyOnlyItsScope() throws Exception {
    var scoped = KeyedServer.bearer(front.port(), "GET", "/v1/models", null, KeyedServer.ELSEWHERE);
    assertThat(JSON.readTree(scoped.body()).path("data").findValuesAsText("id"))
        .containsExactly("hidden");
    var all = KeyedServer.bearer(front.port(), "GET", "/v1/models", null, KeyedServer.GOOD);
    assertThat(JSON.readTree(all.body()).path("data").findValuesAsText("id"))
        .containsExactlyInAnyOrder("raw", "echo", "talk", "hidden");
  }

  /** Seeded junk as the Authorization header, by raw bytes: refused, never served, never a 5xx. */
  @Test
  void fuzzedAuthorizationHeadersAreRefusedOnBothPaths() throws Exception {
    var random = new java.util.Random(22);
    var seen = new java.util.TreeSet<Integer>();
    for (int i = 0; i < 200; i++) {
      var value = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
      int n = random.nextInt(80);
      for (int j = 0; j < n; j++) {
        value.append(
            (char) (random.nextInt(10) == 0 ? random.nextInt(32) : 32 + random.nextInt(224)));
      }
      String path = i % 2 == 0 ? "/raw/v1/embeddings" : "/echo/v1/embeddings";
      var heard =
          Wire.first(
              front.port(),
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
                  + value
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + EMBED.length()
                  + "\r\n\r\n"
                  + EMBED,
              3000);
      seen.add(heard.status());
    }
    assertThat(seen).isSubsetOf(400, 401);
    assertThat(
            KeyedServer.bearer(front.port(), "POST", "/raw/v1/embeddings", EMBED, KeyedServer.GOOD)
                .status())
        .isEqualTo(200);
  }

  static String scrape() throws Exception {
    return KeyedServer.bearer(front.port(), "GET", "/metrics", null, KeyedServer.ADMIN).body();
  }
}
