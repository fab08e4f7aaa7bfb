package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.controller.process.MixserveCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM at any moment of `serve`'s life drains and exits 143, as the JVM's own handler did. ONNX
 * Runtime releases its environment in a shutdown hook of its own, which runs at once beside
 * mixserve's: a thread still making a session, or running one, then crashed the JVM with SIGSEGV,
 * exit 134 and an hs_err file (#20). The moments cover the loading window on fast and slow machines
 * alike: as soon as it listens, during the models' load, once they are ready, and while requests
 * run.
 */
class ServeStopIT {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @TempDir Path tmp;
  private Process serve;
  private Thread reader;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder seen = new StringBuilder();

  @AfterEach
  void tearDown() {
    if (serve != null) {
      serve.destroyForcibly();
    }
  }

  @ParameterizedTest(name = "SIGTERM {0} ms after listening (-1: once loaded)")
  @ValueSource(ints = {0, 500, 1500, -1})
  void sigtermWhileStartingExitsCleanly(int afterMs) throws Exception {
    start();
    if (afterMs < 0) {
      await("/tts ");
    } else {
      Thread.sleep(afterMs);
    }
    assertStopsCleanly();
  }

  @Test
  void sigtermWhileEmbeddingExitsCleanly() throws Exception {
    String url = start();
    await("/tts ");
    var clients = new ArrayList<Thread>();
    for (int i = 0; i < 4; i++) {
      clients.add(Thread.ofVirtual().start(() -> embedUntilRefused(url)));
    }
    Thread.sleep(500);
    assertStopsCleanly();
    for (Thread c : clients) {
      c.join(10_000);
    }
  }

  private static void embedUntilRefused(String url) {
    String body =
        "{\"input\": [\"" + "a sentence long enough to keep the model busy ".repeat(20) + "\"]}";
    try {
      while (Http.post(url + "/embeddings/v1/embeddings", body).statusCode() == 200) {
        // again
      }
    } catch (Exception e) {
      // the server is gone: what this client waited for
    }
  }

  /** Starts `serve` with the ONNX engines and FreeTTS; returns its URL. */
  private String start() throws Exception {
    Path file = tmp.resolve("mixserve.yaml");
    Files.writeString(
        file,
        """
        server: {host: 127.0.0.1, port: 0}
        deployments:
          - {name: embeddings, task: embedding, engine: {kind: onnx-bert}}
          - {name: reranker, task: rerank, engine: {kind: onnx-bi-encoder}}
          - {name: tts, task: speech, engine: {kind: freetts}}
        """);
    var argv = new ArrayList<>(MixserveCommand.thisJvm());
    argv.replaceAll(a -> a.replace("{tmp}", tmp.toString()));
    argv.addAll(List.of("serve", "--config", file.toString()));
    // In tmp: the JVM writes a crash report (hs_err_pid*.log) into its working directory.
    serve = new ProcessBuilder(argv).directory(tmp.toFile()).redirectErrorStream(true).start();
    var in =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    reader = Thread.ofVirtual().start(() -> in.lines().forEach(lines::add));
    var m = LISTENING.matcher(await("listening on "));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private void assertStopsCleanly() throws Exception {
    serve.toHandle().destroy(); // SIGTERM; Process.destroy() would also close its output
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve exited").isTrue();
    reader.join(10_000);
    lines.forEach(l -> seen.append(l).append('\n'));
    assertThat(serve.exitValue()).as("exit code; output:%n%s", seen).isEqualTo(143);
    assertThat(seen.toString()).contains("mixserve stopped");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no JVM crash report")
          .noneMatch(n -> n.startsWith("hs_err"));
    }
  }

  /** The first line (from now) that contains {@code text}. */
  private String await(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        seen.append(line).append('\n');
        if (line.contains(text)) {
          return line;
        }
      }
    }
    throw new AssertionError("serve never printed '" + text + "'; it printed:\n" + seen);
  }
}
