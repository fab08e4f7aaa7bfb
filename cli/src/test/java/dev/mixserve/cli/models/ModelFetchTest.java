package dev.mixserve.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch-test against a local server: no internet in tests. */
class ModelFetchTest {
  static final byte[] A = "model a".getBytes(StandardCharsets.UTF_8);
  static final byte[] B = "model b, nested".getBytes(StandardCharsets.UTF_8);
  static final byte[] TAMPERED = "not what the list says".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  HttpServer server;
  final List<String> requested = new CopyOnWriteArrayList<>();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void serve() throws Exception {
    Map<String, byte[]> files =
        Map.of("/o/r/c/a.bin", A, "/o/r/c/sub/b.bin", B, "/o/r/c/tampered.bin", TAMPERED);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          requested.add(ex.getRequestURI().getPath());
          byte[] body = files.get(ex.getRequestURI().getPath());
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  ModelFetch.Result fetch(List<TestModelFiles.Entry> files) {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    return new ModelFetch(base, dir, new PrintStream(out, true), new PrintStream(err, true))
        .fetchAll(files);
  }

  static TestModelFiles.Entry entry(String path, byte[] content, String source) throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    return new TestModelFiles.Entry(path, content.length, sha, source);
  }

  @Test
  void fetchesEachFileIntoItsPathAndKeepsTheOnesAlreadyThere() throws Exception {
    var a = entry("a.bin", A, "o/r/c/a.bin");
    var b = entry("deep/b.bin", B, "o/r/c/sub/b.bin");
    var first = fetch(List.of(a, b));
    assertThat(first).isEqualTo(new ModelFetch.Result(2, 0, 0, false));
    assertThat(dir.resolve("a.bin")).hasBinaryContent(A);
    assertThat(dir.resolve("deep/b.bin")).hasBinaryContent(B);

    requested.clear();
    var second = fetch(List.of(a, b));
    assertThat(second).isEqualTo(new ModelFetch.Result(0, 2, 0, false));
    assertThat(requested).isEmpty();
  }

  @Test
  void aFileWhoseChecksumIsWrongIsAnErrorThatNamesItAndIsNotKept() throws Exception {
    var listed = entry("tampered.bin", "the listed content".getBytes(StandardCharsets.UTF_8), "");
    var wrong =
        new TestModelFiles.Entry(
            "tampered.bin", TAMPERED.length, listed.sha256(), "o/r/c/tampered.bin");
    var r = fetch(List.of(wrong, entry("a.bin", A, "o/r/c/a.bin")));
    assertThat(r).isEqualTo(new ModelFetch.Result(1, 0, 1, false));
    assertThat(err.toString()).startsWith("error: tampered.bin: sha256 ").contains(listed.sha256());
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(dir.resolve("tampered.bin")).doesNotExist();
    assertThat(dir.resolve("tampered.bin.part")).doesNotExist();
  }

  @Test
  void aMissingFileIsAnErrorWithItsStatusAndTheOthersStillCome() throws Exception {
    var r =
        fetch(
            List.of(
                entry("gone.bin", A, "o/r/c/gone.bin"), entry("sub/b.bin", B, "o/r/c/sub/b.bin")));
    assertThat(r).isEqualTo(new ModelFetch.Result(1, 0, 1, false));
    assertThat(err.toString()).startsWith("error: gone.bin: HTTP 404 from http://127.0.0.1:");
    assertThat(dir.resolve("sub/b.bin")).hasBinaryContent(B);
  }

  @Test
  void aDamagedFileAlreadyThereIsFetchedAgain() throws Exception {
    Files.write(dir.resolve("a.bin"), "half".getBytes(StandardCharsets.UTF_8));
    var r = fetch(List.of(entry("a.bin", A, "o/r/c/a.bin")));
    assertThat(r).isEqualTo(new ModelFetch.Result(1, 0, 0, false));
    assertThat(dir.resolve("a.bin")).hasBinaryContent(A);
    assertThat(out.toString()).contains("replacing a.bin");
  }

  @Test
  void anUnreachableServerStopsWithOneLine() throws Exception {
    server.stop(0);
    var r = fetch(List.of(entry("a.bin", A, "o/r/c/a.bin"), entry("b.bin", B, "o/r/c/sub/b.bin")));
    assertThat(r.unreachable()).isTrue();
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).startsWith("error: cannot reach 127.0.0.1");
  }
}
