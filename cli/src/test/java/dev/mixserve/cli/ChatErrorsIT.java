package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad cases of `mixserve chat` give one clear line and an exit code a script can test. */
class ChatErrorsIT {
  @TempDir Path tmp;

  @Test
  void serverDown() throws IOException {
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var r = Run.of("chat", "--url", "http://127.0.0.1:" + port, "-p", "hi");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("cannot reach mixserve at http://127.0.0.1:" + port);
  }

  @Test
  void routeMissing() {
    var r = Run.of("chat", "--url", CliTestServer.url(), "--route", "/nollm", "-p", "hi");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("error:").contains("/nollm");
  }

  @Test
  void noChatDeploymentAtTheDefaultRoute() {
    var r = Run.of("chat", "--url", CliTestServer.url(), "--route", "/embeddings", "-p", "hi");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("serves no chat deployment at /embeddings");
  }

  @Test
  void docsFolderMissingOrEmpty() throws IOException {
    var missing =
        Run.of(
            "chat",
            "--url",
            CliTestServer.url(),
            "--docs",
            tmp.resolve("nope").toString(),
            "-p",
            "hi");
    assertThat(missing.code()).isEqualTo(5);
    assertThat(missing.err()).contains("does not exist");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    var none = Run.of("chat", "--docs", empty.toString(), "-p", "hi");
    assertThat(none.code()).isEqualTo(5);
    assertThat(none.err()).contains("holds no text files");
  }
}
