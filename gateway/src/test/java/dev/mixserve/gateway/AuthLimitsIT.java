package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each key's limits (429 with OpenAI's headers, then in again) and keys files changed under load.
 */
public class AuthLimitsIT {
  @TempDir static Path dir;
  static RawUpstream upstream;
  static MixserveServer server;

  static final String EMBED = "{\"input\":\"a\"}";

  @BeforeAll
  static void start() throws Exception {
    upstream = new RawUpstream();
    String limited =
        KeyedServer.entry(
                "rpm-direct", "msk-rpm-direct", "[raw]", ", limits: {requests_per_minute: 60}")
            + KeyedServer.entry(
                "rpm-jvm", "msk-rpm-jvm", "[echo]", ", limits: {requests_per_minute: 60}")
            + KeyedServer.entry("one-at-a-time", "msk-one", "[\"*\"]", ", limits: {concurrent: 1}")
            + KeyedServer.entry(
                "few-tokens", "msk-tokens", "[talk]", ", limits: {tokens_per_minute: 5}");
    server =
        KeyedServer.start(dir, upstream.port(), "server: {host: 127.0.0.1, port: 0}\n", limited);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    upstream.close();
  }

  @Test
  void overItsRequestsAMinuteAKeyWaitsRetryAfterAndGetsIn() throws Exception {
    for (var c :
        List.of(
            List.of("msk-rpm-direct", "/raw/v1/embeddings"),
            List.of("msk-rpm-jvm", "/echo/v1/embeddings"))) {
      String key = c.get(0);
      String path = c.get(1);
      KeyedServer.Answer last = null;
      int ok = 0;
      long before = Long.MAX_VALUE;
      for (int i = 0; i < 70 && (last == null || last.status() == 200); i++) {
        last = KeyedServer.bearer(server.port(), "POST", path, EMBED, key);
        ok += last.status() == 200 ? 1 : 0;
        if (last.status() == 200) {
          // Every answer says where the key stands, as OpenAI's do, on both paths.
          var h = last.headers();
          assertThat(h.firstValue("x-ratelimit-limit-requests")).as(path).hasValue("60");
          long left = Long.parseLong(h.firstValue("x-ratelimit-remaining-requests").orElseThrow());
          assertThat(left).as(path).isLessThanOrEqualTo(before);
          before = left;
        }
      }
      assertThat(ok).as(path).isBetween(60, 69);
      assertThat(last.status()).isEqualTo(429);
      var h = last.headers();
      int wait = Integer.parseInt(h.firstValue("Retry-After").orElseThrow());
      assertThat(wait).isBetween(1, 2);
      assertThat(h.firstValue("x-ratelimit-limit-requests")).hasValue("60");
      assertThat(h.firstValue("x-ratelimit-remaining-requests")).hasValue("0");
      assertThat(h.firstValue("x-ratelimit-reset-requests").orElseThrow())
          .matches("\\d+(ms|s)|\\d+m\\d+s");
      assertThat(last.body()).contains("\"code\":\"rate_limit_exceeded\"").contains("rpm-");
      Thread.sleep(wait * 1000L); // what the client was told to do
      assertThat(KeyedServer.bearer(server.port(), "POST", path, EMBED, key).status())
          .as(path)
          .isEqualTo(200);
    }
  }

  /**
   * A request open on a replica (one that never answers) holds the key's one slot, whichever path
   * it took, until its client leaves.
   */
  @Test
  void concurrentSlotsAreHeldUntilTheClientLeaves() throws Exception {
    try (var silent = new Socket("127.0.0.1", server.port())) {
      silent
          .getOutputStream()
          .write(
              ("POST /raw/silent HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer msk-one\r\n"
                      + "Content-Length: 2\r\n\r\n{}")
                  .getBytes(StandardCharsets.ISO_8859_1));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  KeyedServer.bearer(server.port(), "POST", "/echo/v1/embeddings", EMBED, "msk-one")
                          .status()
                      == 429);
      var second =
          KeyedServer.bearer(server.port(), "POST", "/raw/v1/embeddings", EMBED, "msk-one");
      assertThat(second.status()).isEqualTo(429);
      assertThat(second.body()).contains("1 requests open at once");
      assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                KeyedServer.bearer(server.port(), "POST", "/raw/v1/embeddings", EMBED, "msk-one")
                        .status()
                    == 200);
  }

  @Test
  void chatTokensAreChargedToTheKey() throws Exception {
    String chat =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"one two three four five six seven\"}]}";
    var first =
        KeyedServer.bearer(server.port(), "POST", "/talk/v1/chat/completions", chat, "msk-tokens");
    assertThat(first.status()).isEqualTo(200);
    var second =
        KeyedServer.bearer(server.port(), "POST", "/talk/v1/chat/completions", chat, "msk-tokens");
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("5");
    assertThat(second.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("0");
    assertThat(second.body()).contains("5 tokens a minute");
  }

  /**
   * The keys file rewritten twenty times while clients call with a key it keeps and one from the
   * config: not one of their requests is refused, and a key taken out is refused from then on.
   */
  @Test
  void aKeysFileChangedUnderLoadLosesNothing() throws Exception {
    var stop = new AtomicBoolean();
    var bad = new ConcurrentLinkedQueue<String>();
    var counts = new java.util.concurrent.atomic.AtomicInteger();
    var threads = new ArrayList<Thread>();
    for (String key : List.of(KeyedServer.FILED, KeyedServer.GOOD)) {
      for (String path : List.of("/raw/v1/embeddings", "/echo/v1/embeddings")) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (!stop.get()) {
                        try {
                          var a = KeyedServer.bearer(server.port(), "POST", path, EMBED, key);
                          counts.incrementAndGet();
                          if (a.status() != 200) {
                            bad.add(key + " " + path + " " + a.status() + " " + a.body());
                          }
                        } catch (Exception e) {
                          bad.add(key + " " + path + " " + e);
                        }
                      }
                    }));
      }
    }
    var keys = dir.resolve("keys.yaml");
    for (int i = 0; i < 20; i++) {
      String extra = "msk-extra-" + i;
      var next =
          i % 2 == 0
              ? KeyedServer.keysFile(KeyedServer.FILED, extra)
              : KeyedServer.keysFile(extra, KeyedServer.FILED);
      Files.writeString(keys, next);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.gateway().guard().identify(extra).known());
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(bad).isEmpty();
    assertThat(counts.get()).isGreaterThan(40);
    assertThat(server.gateway().guard().identify(KeyedServer.REVOKED).known()).isFalse();
    assertThat(
            KeyedServer.bearer(server.port(), "POST", "/raw/v1/embeddings", EMBED, "msk-extra-18")
                .status())
        .isEqualTo(401);
    assertThat(
            KeyedServer.bearer(server.port(), "POST", "/raw/v1/embeddings", EMBED, "msk-extra-19")
                .status())
        .isEqualTo(200);
  }

  /** Keys in the config itself change with a reload, as the rest of the config does. */
  @Test
  void aConfigReloadSwapsItsOwnKeysAndKeepsTheFilesKeys() throws Exception {
    String text = Files.readString(dir.resolve("mixserve.yaml"));
    String added = KeyedServer.entry("late", "msk-late", "[echo]", "");
    Files.writeString(dir.resolve("mixserve.yaml"), text + added);
    try {
      server.reload(
          dev.mixserve.config.ConfigLoader.load(dir.resolve("mixserve.yaml")),
          Duration.ofSeconds(30));
      assertThat(
              KeyedServer.bearer(server.port(), "POST", "/echo/v1/embeddings", EMBED, "msk-late")
                  .status())
          .isEqualTo(200);
      assertThat(
              KeyedServer.bearer(server.port(), "POST", "/raw/v1/embeddings", EMBED, "msk-late")
                  .status())
          .isEqualTo(403);
      assertThat(server.gateway().guard().identify(KeyedServer.FILED).known()).isTrue();
    } finally {
      Files.writeString(dir.resolve("mixserve.yaml"), text);
      server.reload(
          dev.mixserve.config.ConfigLoader.load(dir.resolve("mixserve.yaml")),
          Duration.ofSeconds(30));
    }
    assertThat(
            KeyedServer.bearer(server.port(), "POST", "/echo/v1/embeddings", EMBED, "msk-late")
                .status())
        .isEqualTo(401);
  }
}
