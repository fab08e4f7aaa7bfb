package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A key's tokens a minute hold for chats a replica outside this JVM answers (a cluster's worker, an
 * upstream server): the front door hands such a chat to the handler, which charges the usage the
 * replica reports, whole or streamed (asking a stream for its usage when the client did not, and
 * keeping that chunk from the client then).
 */
public class UpstreamTokensIT {
  static MixserveServer back;
  static MixserveServer front;

  static final String CHAT =
      "{\"messages\":[{\"role\":\"user\",\"content\":\"one two three four five six seven\"}]";

  @BeforeAll
  static void start() throws Exception {
    var ctx = new EngineContext(Path.of("target"), Map.of());
    back =
        MixserveServer.start(
            ConfigLoader.parse(
                """
                server: {host: 127.0.0.1, port: 0}
                deployments:
                  - {name: talk, task: chat, engine: {kind: echo}}
                """,
                "back"),
            EngineRegistry.discover(),
            ctx);
    back.loaded().get(30, TimeUnit.SECONDS);
    String keys =
        KeyedServer.entry("whole", "msk-whole", "[far]", ", limits: {tokens_per_minute: 5}")
            + KeyedServer.entry(
                "streamed", "msk-streamed", "[far]", ", limits: {tokens_per_minute: 5}")
            + KeyedServer.entry("asks", "msk-asks", "[far]", ", limits: {tokens_per_minute: 5}")
            + KeyedServer.entry("free", "msk-free", "[far]", "");
    front =
        MixserveServer.start(
            ConfigLoader.parse(
                """
                server: {host: 127.0.0.1, port: 0}
                deployments:
                  - name: far
                    task: chat
                    engine: {kind: upstream, model: "http://127.0.0.1:%d/talk"}
                    health: {interval: 1h, failures: 100}
                auth:
                  keys:
                %s"""
                    .formatted(back.port(), keys),
                "front"),
            EngineRegistry.discover(),
            ctx);
    front.loaded().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    front.close();
    back.close();
  }

  static KeyedServer.Answer chat(String body, String key) throws Exception {
    return KeyedServer.bearer(front.port(), "POST", "/far/v1/chat/completions", body, key);
  }

  @Test
  void aWholeAnswersUsageIsCharged() throws Exception {
    var first = chat(CHAT + "}", "msk-whole");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).contains("\"total_tokens\"");
    var second = chat(CHAT + "}", "msk-whole");
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.body()).contains("5 tokens a minute");
    assertThat(second.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aStreamIsAskedForItsUsageWhichTheClientDoesNotSee() throws Exception {
    var first = chat(CHAT + ", \"stream\": true}", "msk-streamed");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    Sse sse = Sse.parse(first.body());
    assertThat(sse.done()).isTrue();
    assertThat(sse.chunks()).isNotEmpty();
    assertThat(sse.chunks()).allSatisfy(c -> assertThat(c.path("choices")).isNotEmpty());
    assertThat(first.body()).doesNotContain("\"total_tokens\"");
    assertThat(chat(CHAT + ", \"stream\": true}", "msk-streamed").status()).isEqualTo(429);
  }

  @Test
  void aStreamThatAskedForItsUsageKeepsIt() throws Exception {
    var first =
        chat(
            CHAT + ", \"stream\": true, \"stream_options\": {\"include_usage\": true}}",
            "msk-asks");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).contains("\"total_tokens\"");
    assertThat(chat(CHAT + "}", "msk-asks").status()).isEqualTo(429);
  }

  @Test
  void aKeyWithoutATokenLimitIsNotHeldUp() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(chat(CHAT + ", \"stream\": true}", "msk-free").status()).isEqualTo(200);
    }
  }
}
