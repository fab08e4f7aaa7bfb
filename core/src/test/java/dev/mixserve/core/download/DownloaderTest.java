package dev.mixserve.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.error.ServeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  private static final String MODEL = "hf://o/r/model.bin";
  @TempDir Path cache;
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private FakeHub hub;
  private Downloader downloader;

  @BeforeEach
  void start() throws Exception {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    Path tmp = Files.write(cache.resolve("src"), content);
    hub = new FakeHub(content, Transfer.sha256(tmp));
    Files.delete(tmp);
    downloader = new Downloader(cache, hub.endpoint(), null, new PrintStream(progress, true));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private Path cached() {
    return downloader.cachedPath(HfUri.parse(MODEL));
  }

  @Test
  void downloadsOnceIntoTheCacheWithProgress() throws IOException {
    Path p = downloader.fetch(MODEL);
    assertThat(p).isEqualTo(cache.resolve("hf/o/r/main/model.bin"));
    assertThat(Files.readAllBytes(p)).isEqualTo(hub.content);
    assertThat(progress.toString()).contains("100%").contains("hf://o/r/model.bin");
    downloader.fetch(MODEL);
    assertThat(hub.requests.get()).isEqualTo(1);
  }

  @Test
  void resumesFromThePartFile() throws IOException {
    Files.createDirectories(cached().getParent());
    Files.write(cached().resolveSibling("model.bin.part"), Arrays.copyOf(hub.content, 100_000));
    Path p = downloader.fetch(MODEL);
    assertThat(Files.readAllBytes(p)).isEqualTo(hub.content);
    assertThat(hub.bytesServed.get()).isEqualTo(200_000);
  }

  @Test
  void wrongChecksumLeavesNothingInTheCache() {
    hub.linkedEtag = "\"" + HexFormat.of().formatHex(new byte[32]) + "\"";
    assertThatThrownBy(() -> downloader.fetch(MODEL))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("sha256");
    assertThat(cached()).doesNotExist();
    assertThat(cached().resolveSibling("model.bin.part")).doesNotExist();
  }

  @Test
  void missingFileSaysSo() {
    assertThatThrownBy(() -> downloader.fetch("hf://o/r/nothing.gguf"))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("no such file");
  }

  @Test
  void offlineGivesAClearMessage() throws IOException {
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var offline = new Downloader(cache, URI.create("http://127.0.0.1:" + port), null, System.err);
    assertThatThrownBy(() -> offline.fetch(MODEL))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("cannot be reached")
        .hasMessageContaining("local file path")
        .extracting(e -> ((ServeException) e).status())
        .isEqualTo(503);
  }

  @Test
  void localPathsPassThrough() throws IOException {
    Path f = Files.writeString(cache.resolve("m.gguf"), "x");
    assertThat(downloader.fetch(f.toString())).isEqualTo(f);
    assertThatThrownBy(() -> downloader.fetch(cache.resolve("none.gguf").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void urisParseWithRevision() {
    HfUri u = HfUri.parse("hf://Qwen/Qwen2.5-0.5B-Instruct-GGUF@v1/sub/q4.gguf");
    assertThat(u.url(URI.create("https://hf.example/")).toString())
        .isEqualTo("https://hf.example/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/v1/sub/q4.gguf");
    assertThatThrownBy(() -> HfUri.parse("hf://only/two"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
