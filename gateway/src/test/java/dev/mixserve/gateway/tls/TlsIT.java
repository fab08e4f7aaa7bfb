package dev.mixserve.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import dev.mixserve.gateway.RawUpstream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public port over TLS, as clients meet it: the JDK's client and curl, on the front door's own
 * path to a replica and on the handler's path to an engine in the JVM, streams and large bodies;
 * plain HTTP and broken handshakes answered without harm to anyone else; a renewed certificate
 * served to new connections without a restart.
 */
class TlsIT {
  private static final Path CERTS = PemIdentityTest.DIR.toAbsolutePath();
  private static Path dir;
  private static RawUpstream upstream;
  private static MixserveServer server;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("mixserve-tls");
    copy("rsa-cert.pem", "rsa-key.pem");
    upstream = new RawUpstream();
    String config =
        """
        server:
          host: 127.0.0.1
          port: 0
          tls: {cert: "%s", key: "%s"}
        deployments:
          - name: raw
            route: /raw
            task: embedding
            engine: {kind: upstream, model: "http://127.0.0.1:%d"}
            health: {interval: 1h, failures: 100}
          - {name: echo, route: /echo, task: embedding, engine: {kind: echo}}
          - {name: talk, route: /talk, task: chat, engine: {kind: echo}}
        """
            .formatted(dir.resolve("cert.pem"), dir.resolve("key.pem"), upstream.port());
    server =
        MixserveServer.start(
            ConfigLoader.parse(config, "TlsIT"),
            EngineRegistry.discover(),
            new EngineContext(Path.of("target"), Map.of()));
    server.loaded().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    upstream.close();
  }

  private static void copy(String cert, String key) throws Exception {
    Files.copy(CERTS.resolve(cert), dir.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(CERTS.resolve(key), dir.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** A client that trusts both test certificates, as one given the server's CA would. */
  static HttpClient client() throws Exception {
    var store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    var cf = CertificateFactory.getInstance("X.509");
    for (String c : List.of("rsa-cert.pem", "ec-cert.pem")) {
      try (InputStream in = Files.newInputStream(CERTS.resolve(c))) {
        store.setCertificateEntry(c, cf.generateCertificate(in));
      }
    }
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    var ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(ctx)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static URI uri(String path) {
    return URI.create("https://localhost:" + server.port() + path);
  }

  static HttpResponse<String> post(HttpClient c, String path, String json) throws Exception {
    return c.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyPathAnswersOverTls() throws Exception {
    var c = client();
    var health = c.send(HttpRequest.newBuilder(uri("/-/healthz")).build(), ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.sslSession()).isPresent();
    // The front door's own path: a replica outside the JVM, a 200 kB answer.
    var big = c.send(HttpRequest.newBuilder(uri("/raw/big")).build(), ofString());
    assertThat(big.body()).hasSize(200_000);
    // The handler's path, with a body larger than a TLS record.
    String input = "word ".repeat(20_000);
    var emb = post(c, "/echo/v1/embeddings", "{\"input\":\"" + input + "\"}");
    assertThat(emb.statusCode()).as(emb.body()).isEqualTo(200);
    // A stream.
    var chat =
        post(
            c,
            "/talk/v1/chat/completions",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}],\"stream\":true}");
    assertThat(chat.body()).contains("three").endsWith("data: [DONE]\n\n");
  }

  @Test
  void manyClientsAtOnceEachGetTheirOwnAnswer() throws Exception {
    var c = client();
    var pool = Executors.newFixedThreadPool(8);
    try {
      var calls = new ArrayList<Callable<String>>();
      for (int i = 0; i < 64; i++) {
        String word = "w" + i;
        calls.add(
            () ->
                post(
                        c,
                        "/talk/v1/chat/completions",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"" + word + "\"}]}")
                    .body());
      }
      var answers = pool.invokeAll(calls);
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get()).contains("\"w" + i + "\"");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void curlVerifiesTheCertificateAndGetsTheAnswer() throws Exception {
    Path bundle = dir.resolve("ca-bundle.pem"); // curl takes one --cacert: both test certificates
    Files.writeString(
        bundle,
        Files.readString(CERTS.resolve("rsa-cert.pem"))
            + Files.readString(CERTS.resolve("ec-cert.pem")));
    var p =
        new ProcessBuilder(
                "curl",
                "-sS",
                "--cacert",
                bundle.toString(),
                "-o",
                "/dev/null",
                "-w",
                "%{http_code} %{size_download} %{ssl_verify_result}",
                "https://localhost:" + server.port() + "/raw/big")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEqualTo("200 200000 0");
  }

  @Test
  void plainHttpIsToldToUseHttps() throws Exception {
    try (var s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write("GET /-/healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("https://");
    }
  }

  @Test
  void brokenHandshakesAreDroppedAndOthersGoOn() throws Exception {
    var random = new Random(20261202);
    for (int i = 0; i < 20; i++) {
      byte[] junk = new byte[1 + random.nextInt(3000)];
      random.nextBytes(junk);
      junk[0] = 0x16; // looks like a handshake record, is not one
      try (var s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        s.setSoTimeout(5000);
        s.getOutputStream().write(junk);
        s.shutdownOutput();
        // The server may answer with a TLS alert; it must end the connection, not hang.
        new ByteArrayInputStream(s.getInputStream().readAllBytes()).close();
      }
    }
    var c = client();
    assertThat(c.send(HttpRequest.newBuilder(uri("/-/healthz")).build(), ofString()).statusCode())
        .isEqualTo(200);
  }

  /**
   * A client that sends part of a TLS record and stops: the loop waits for the socket, as it does
   * for plain bytes, rather than reading again and again (it spun on the part, a core per client).
   */
  @Test
  void partOfARecordIsWaitedForWithoutSpinning() throws Exception {
    var ctx = SSLContext.getInstance("TLS");
    var store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(CERTS.resolve("rsa-cert.pem"))) {
      store.setCertificateEntry(
          "rsa", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    ctx.init(null, tmf.getTrustManagers(), null);
    try (var plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
        var tls =
            (javax.net.ssl.SSLSocket)
                ctx.getSocketFactory().createSocket(plain, "localhost", server.port(), false)) {
      tls.startHandshake();
      // An application-data record that says 200 bytes and brings 20.
      byte[] part = new byte[5 + 20];
      part[0] = 0x17;
      part[1] = 0x03;
      part[2] = 0x03;
      part[4] = (byte) 200;
      plain.getOutputStream().write(part);
      plain.getOutputStream().flush();
      Thread.sleep(300); // the loop has seen it
      long before = frontCpu();
      Thread.sleep(1000);
      long used = frontCpu() - before;
      assertThat(used)
          .as("front door CPU ns in 1 s with a part record waiting")
          .isLessThan(200_000_000L);
    }
  }

  private static long frontCpu() {
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (var t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("mixserve-front-")) {
        sum += Math.max(0, mx.getThreadCpuTime(t.threadId()));
      }
    }
    return sum;
  }

  @Test
  void aRenewedCertificateIsServedToNewConnections() throws Exception {
    assertThat(subject()).contains("test one");
    copy("ec-cert.pem", "ec-key.pem");
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> subject().contains("test two"));
    } finally {
      copy("rsa-cert.pem", "rsa-key.pem");
      await().atMost(Duration.ofSeconds(15)).until(() -> subject().contains("test one"));
    }
  }

  private static String subject() throws Exception {
    var res = client().send(HttpRequest.newBuilder(uri("/-/healthz")).build(), ofString());
    var leaf = (X509Certificate) res.sslSession().orElseThrow().getPeerCertificates()[0];
    return leaf.getSubjectX500Principal().getName();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
