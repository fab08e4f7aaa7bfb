package dev.mixserve.bench.gateway;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.bench.gateway.Wrk.Result;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own cost: wrk at 64 connections against (a) a small upstream directly, (b) mixserve
 * proxying it as an {@code upstream} deployment, (c) nginx proxying it with kept-alive connections,
 * (d) mixserve with API keys on (every request's key hashed and checked on the front door's loop).
 *
 * <p>The upstream is an nginx that answers every request with {@code return 200} and a small JSON
 * body: it does no I/O and costs a few microseconds, so the proxies' cost is what differs, and it
 * is the same server, reached the same way (HTTP/1.1 over loopback), for all three paths. A JDK
 * server in this JVM would share the proxy's heap and threads and cost more than what it is there
 * to show.
 *
 * <p>Targets run one after another in each round, the order rotating, so that background load on a
 * shared machine falls on all three alike; ratios are taken within a round.
 *
 * <p>Run: {@code ./mixserve bench gateway --seconds 10 --rounds 3 --connections 64}
 */
public final class GatewayBench {
  public static void main(String[] args) throws Exception {
    Options options;
    Path wrk;
    Path nginx;
    var a = Options.ARGS.parseOrExit(args);
    try {
      options = Options.of(a);
      wrk = Tools.require("wrk", "wrk");
      nginx = Tools.require("nginx", "nginx-light (or nginx)");
    } catch (IllegalArgumentException | Tools.MissingTool e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(Options.ARGS.usage());
      System.exit(2);
      return;
    }
    Path dir = Files.createTempDirectory("mixserve-gwbench");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(dir), "bench-cleanup"));
    run(options, wrk, nginx, dir);
    System.exit(0);
  }

  private static void run(Options options, Path wrkBinary, Path nginx, Path dir) throws Exception {
    int upPort = Tools.freePort();
    int proxyPort = Tools.freePort();
    Path[] tls = options.tls() ? selfSigned(dir) : null;
    String scheme = tls == null ? "http" : "https";
    try (var up = Nginx.upstream(nginx, dir, upPort);
        var server = mixserve(upPort, options.connections(), "", tls);
        var keyed = mixserve(upPort, options.connections(), KEYS, tls);
        var proxy = Nginx.proxy(nginx, dir, proxyPort, upPort, tls)) {
      Tools.awaitListening(upPort, up.process(), dir.resolve("upstream/error.log"));
      Tools.awaitListening(proxyPort, proxy.process(), dir.resolve("proxy/error.log"));
      server.loaded().get(30, TimeUnit.SECONDS);
      keyed.loaded().get(30, TimeUnit.SECONDS);
      List<String> urls =
          List.of(
              "http://127.0.0.1:" + upPort + "/v1/embeddings",
              scheme + "://127.0.0.1:" + server.port() + "/up/v1/embeddings",
              scheme + "://127.0.0.1:" + proxyPort + "/up/v1/embeddings",
              scheme + "://127.0.0.1:" + keyed.port() + "/up/v1/embeddings");
      for (String url : urls) {
        check(url, tls);
      }
      if (tls != null) {
        System.out.println(
            "TLS: mixserve, nginx and keyed terminate TLS (RSA-2048, kept-alive connections);"
                + " direct and every upstream hop are plain");
      }
      System.out.printf(
          "wrk -t2 -c%d -d%ds, POST of a small embeddings request, %d rounds, %d cores%n",
          options.connections(),
          options.seconds(),
          options.rounds(),
          Runtime.getRuntime().availableProcessors());
      measure(new Wrk(wrkBinary, dir, options), urls, options).print();
    }
  }

  private static Report measure(Wrk wrk, List<String> urls, Options options) throws Exception {
    for (String url : urls) {
      wrk.run(url, Math.min(5, options.seconds())); // warm-up: connection pools
    }
    // The JVM's own: under wrk on 2 cores C2 takes ~25 s to compile the request path (measured:
    // 5.9k, 16k, 19.5k, 19.3k, 20.0k req/s in consecutive 8 s runs from a cold start), and a
    // server is judged by its steady state.
    int warm = options.warmup();
    while (warm > 0) {
      wrk.run(urls.get(1), Math.min(10, warm));
      wrk.run(urls.get(3), Math.min(10, warm));
      warm -= 10;
    }
    int n = urls.size();
    List<List<Result>> results = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      results.add(new ArrayList<>());
    }
    String[] names = {"direct", "mixserve", "nginx", "keyed"};
    for (int round = 0; round < options.rounds(); round++) {
      Result[] r = new Result[n];
      for (int k = 0; k < n; k++) {
        int t = (round + k) % n;
        r[t] = wrk.run(urls.get(t), options.seconds());
      }
      for (int t = 0; t < n; t++) {
        results.get(t).add(r[t]);
        System.out.printf(
            "round %d %-9s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms%n",
            round + 1, names[t], r[t].rate(), r[t].p50(), r[t].p99());
      }
    }
    return new Report(results.get(0), results.get(1), results.get(2), results.get(3));
  }

  /** The key every request carries (wrk's script): checked by (d), ignored by the others. */
  static final String KEY = "msk-bench-key";

  private static final String KEYS =
      "auth:\n  keys: [{name: bench, sha256: %s, scopes: [up]}]\n"
          .formatted(dev.mixserve.gateway.auth.KeyHash.hex(KEY));

  /** A certificate and key for 127.0.0.1, made by openssl in {@code dir}. */
  private static Path[] selfSigned(Path dir) throws Exception {
    Path openssl = Tools.require("openssl", "openssl");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    var p =
        new ProcessBuilder(
                openssl.toString(),
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=mixserve bench",
                "-addext",
                "subjectAltName=IP:127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "openssl failed: " + Files.readString(dir.resolve("openssl.log")));
    }
    return new Path[] {cert, key};
  }

  private static MixserveServer mixserve(int upPort, int connections, String auth, Path[] tls) {
    String server =
        tls == null
            ? "server: {host: 127.0.0.1, port: 0}\n"
            : "server: {host: 127.0.0.1, port: 0, tls: {cert: \"%s\", key: \"%s\"}}\n"
                .formatted(tls[0], tls[1]);
    String yaml =
        server
            + """
        deployments:
          - name: up
            route: /up
            task: embedding
            engine: {kind: upstream, model: "http://127.0.0.1:%d"}
            limits: {max_ongoing_requests: %d, max_queued_requests: %d}
        """
                .formatted(upPort, Math.max(256, connections * 2), Math.max(1024, connections * 4))
            + auth;
    return MixserveServer.start(
        ConfigLoader.parse(yaml, "bench"),
        EngineRegistry.discover(),
        new EngineContext(Path.of("target"), Map.of()));
  }

  /** One request through each path must answer what the upstream says, or the numbers lie. */
  private static void check(String url, Path[] tls) throws Exception {
    var builder = HttpClient.newBuilder();
    if (tls != null) {
      var store = java.security.KeyStore.getInstance("PKCS12");
      store.load(null, null);
      try (var in = Files.newInputStream(tls[0])) {
        store.setCertificateEntry(
            "bench",
            java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      var tmf =
          javax.net.ssl.TrustManagerFactory.getInstance(
              javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      builder.sslContext(ctx);
    }
    try (var client = builder.build()) {
      var res =
          client.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + KEY)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"x\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200 || !res.body().equals(Nginx.BODY)) {
        throw new IllegalStateException(url + " answered " + res.statusCode() + ": " + res.body());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** nginx and wrk are our children; Ctrl-C must not leave them, or their files, behind. */
  private static void cleanUp(Path dir) {
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    ProcessHandle.current()
        .descendants()
        .forEach(p -> p.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join());
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("left behind: " + dir);
    }
  }
}
