package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an upstream of someone else's is sent for the client's credentials, on the front door's
 * direct path and the handler's: with keys on, never the client's key (this server's secret), and
 * the upstream's own key when the deployment names its file; with keys off, what the client sent.
 */
public class UpstreamCredentialsIT {
  @TempDir static Path dir;
  static RawUpstream upstream;
  static MixserveServer front;
  static MixserveServer handlerOnly;
  static MixserveServer open;
  static Path keyFile;

  static MixserveServer start(String server, String auth) throws Exception {
    var s =
        MixserveServer.start(
            ConfigLoader.parse(
                """
                %s
                deployments:
                  - name: raw
                    task: embedding
                    engine: {kind: upstream, model: "http://127.0.0.1:%d"}
                    health: {interval: 1h, failures: 100}
                  - name: keyed
                    task: embedding
                    engine:
                      kind: upstream
                      model: "http://127.0.0.1:%d"
                      options: {api_key_file: "%s"}
                    health: {interval: 1h, failures: 100}
                %s"""
                    .formatted(server, upstream.port(), upstream.port(), keyFile, auth),
                "t"),
            EngineRegistry.discover(),
            new EngineContext(Path.of("target"), Map.of()));
    s.loaded().get(30, TimeUnit.SECONDS);
    return s;
  }

  @BeforeAll
  static void startAll() throws Exception {
    upstream = new RawUpstream();
    keyFile = dir.resolve("upstream.key");
    Files.writeString(keyFile, "sk-upstream-1\n");
    String keys = "auth:\n  keys:\n" + KeyedServer.entry("good", KeyedServer.GOOD, "[\"*\"]", "");
    front = start("server: {host: 127.0.0.1, port: 0}", keys);
    handlerOnly = start("server: {host: 127.0.0.1, port: 0, front: \"off\"}", keys);
    open = start("server: {host: 127.0.0.1, port: 0}", "");
  }

  @AfterAll
  static void stopAll() throws Exception {
    front.close();
    handlerOnly.close();
    open.close();
    upstream.close();
  }

  /** The request head the upstream got, for a POST to {@code route}/head with these headers. */
  static String seen(MixserveServer s, String route, String... headers) throws Exception {
    var b =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + s.port() + route + "/head"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    var r = KeyedServer.CLIENT.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body().toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void withKeysOnTheClientsKeyNeverReachesAnUpstream() throws Exception {
    for (var s : List.of(front, handlerOnly)) {
      String head =
          seen(s, "/raw", "Authorization", "Bearer " + KeyedServer.GOOD, "X-Request-Id", "r-1");
      assertThat(head).doesNotContain("authorization").doesNotContain(KeyedServer.GOOD);
      assertThat(head).contains("x-request-id: r-1"); // other end-to-end headers pass
      String viaApiKey = seen(s, "/raw", "x-api-key", KeyedServer.GOOD);
      assertThat(viaApiKey).doesNotContain(KeyedServer.GOOD);
    }
  }

  @Test
  void anUpstreamWithAKeyFileGetsItsOwnKeyReadAgainWhenTheFileChanges() throws Exception {
    for (var s : List.of(front, handlerOnly)) {
      String head = seen(s, "/keyed", "api-key", KeyedServer.GOOD);
      assertThat(head).contains("authorization: bearer sk-upstream-1").doesNotContain("msk-");
    }
    Files.writeString(keyFile, "sk-upstream-2\n");
    Files.setLastModifiedTime(
        keyFile, FileTime.fromMillis(System.currentTimeMillis() + 5_000)); // another mtime, surely
    for (var s : List.of(front, handlerOnly)) {
      assertThat(seen(s, "/keyed", "Authorization", "Bearer " + KeyedServer.GOOD))
          .contains("authorization: bearer sk-upstream-2")
          .doesNotContain("sk-upstream-1");
    }
    assertThat(seen(open, "/keyed", "Authorization", "Bearer sk-client"))
        .contains("authorization: bearer sk-upstream-2")
        .doesNotContain("sk-client");
  }

  @Test
  void withKeysOffTheClientsCredentialsPassAsTheyCame() throws Exception {
    assertThat(seen(open, "/raw", "Authorization", "Bearer sk-client-own"))
        .contains("authorization: bearer sk-client-own");
  }
}
