package dev.mixserve.gateway;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.auth.KeyHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server with API keys on, beside a raw upstream: {@code /raw} is a replica outside the JVM (the
 * front door forwards to it itself), {@code /echo} and {@code /talk} run in the JVM (the handler
 * answers them), {@code /hidden} is the one deployment the out-of-scope key reaches.
 */
final class KeyedServer {
  static final String ADMIN = "msk-admin-key";
  static final String GOOD = "msk-good-key";
  static final String ELSEWHERE = "msk-elsewhere";
  static final String FILED = "msk-filed";
  static final String REVOKED = "msk-revoked";

  static final HttpClient CLIENT = HttpClient.newHttpClient();

  private KeyedServer() {}

  static String entry(String name, String key, String scopes, String more) {
    return "    - {name: %s, sha256: %s, scopes: %s%s}\n"
        .formatted(name, KeyHash.hex(key), scopes, more);
  }

  static String config(int upstream, String server, String moreKeys) {
    return server
        + """
        deployments:
          - name: raw
            route: /raw
            task: embedding
            engine: {kind: upstream, model: "http://127.0.0.1:%d"}
            health: {interval: 1h, failures: 100}
          - {name: echo, route: /echo, task: embedding, engine: {kind: echo}}
          - {name: talk, route: /talk, task: chat, engine: {kind: echo}}
          - {name: hidden, route: /hidden, task: embedding, engine: {kind: echo}}
        auth:
          keys_file: keys.yaml
          keys:
        """
            .formatted(upstream)
        + entry("admin", ADMIN, "[\"*\"]", ", admin: true")
        + entry("good", GOOD, "[\"*\"]", "")
        + entry("elsewhere", ELSEWHERE, "[hidden]", "")
        + moreKeys;
  }

  static String keysFile(String... keys) {
    var sb = new StringBuilder("keys:\n");
    for (String k : keys) {
      sb.append(entry(k.substring(4), k, "[\"*\"]", "").substring(2));
    }
    return sb.toString();
  }

  static MixserveServer start(Path dir, int upstream, String server, String moreKeys)
      throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("keys.yaml"), keysFile(FILED, REVOKED));
    Files.writeString(dir.resolve("mixserve.yaml"), config(upstream, server, moreKeys));
    var s =
        MixserveServer.start(
            ConfigLoader.load(dir.resolve("mixserve.yaml")),
            EngineRegistry.discover(),
            new EngineContext(Path.of("target"), Map.of()));
    s.loaded().get(30, TimeUnit.SECONDS);
    return s;
  }

  record Answer(int status, HttpHeaders headers, String body) {}

  /** One request; {@code header} and {@code value} carry the key (null: none), {@code host} too. */
  static Answer send(
      int port, String method, String host, String path, String body, String header, String value)
      throws Exception {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (host != null) {
      b.header("Host", host);
    }
    if (header != null && value != null) {
      b.header(header, value);
    }
    b.header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    var res = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(res.statusCode(), res.headers(), res.body());
  }

  static Answer bearer(int port, String method, String path, String body, String key)
      throws Exception {
    return send(
        port, method, null, path, body, "Authorization", key == null ? null : "Bearer " + key);
  }
}
