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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `serve` logs from start to stop, as a real process: one line per event, each with a
 * timestamp and a level; each engine's loading and its ready or failure as it happens, with how
 * long it took; a failure's reason once; the drain and the stop (#20).
 */
class ServeLogIT {
  private static final Pattern LINE =
      Pattern.compile(
          "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (ERROR|WARN |INFO |DEBUG) \\S.*");

  /** The two-line default of java.util.logging: a date and a source, then "LEVEL: message". */
  private static final Pattern JUL_DEFAULT =
      Pattern.compile(
          "([A-Z][a-z]{2} \\d\\d?, \\d{4} .*[AP]M .*)|((SEVERE|WARNING|INFO|FINE): .*)");

  @TempDir Path tmp;
  private Process serve;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  @AfterEach
  void tearDown() {
    if (serve != null) {
      serve.destroyForcibly();
    }
  }

  @Test
  void startUpAndStopAreOneTimestampedLineEach() throws Exception {
    Path file = tmp.resolve("mixserve.yaml");
    Files.writeString(
        file,
        """
        server: {host: 127.0.0.1, port: 0}
        deployments:
          - {name: embeddings, task: embedding, engine: {kind: onnx-bert}}
          - {name: echo, task: chat, engine: {kind: echo}}
          - {name: broken, task: chat, engine: {kind: llama-cpp, model: /no/such/model.gguf}}
        """);
    var argv = new ArrayList<>(MixserveCommand.thisJvm());
    argv.replaceAll(a -> a.replace("{tmp}", tmp.toString()));
    argv.addAll(List.of("serve", "--config", file.toString()));
    serve = new ProcessBuilder(argv).directory(tmp.toFile()).redirectErrorStream(true).start();
    var in =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    var reader = Thread.ofVirtual().start(() -> in.lines().forEach(lines::add));
    await("mixserve ready: ");
    serve.toHandle().destroy(); // SIGTERM
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve exited").isTrue();
    reader.join(10_000);
    lines.drainTo(seen);
    String all = String.join("\n", seen);

    assertThat(seen).as(all).allMatch(l -> LINE.matcher(l).matches());
    assertThat(seen).as(all).noneMatch(l -> JUL_DEFAULT.matcher(l).matches());
    assertThat(all)
        .containsPattern("INFO  deployment embeddings loading: onnx-bert")
        .containsPattern("INFO  deployment embeddings ready in \\d+\\.\\d s: ")
        .containsPattern("INFO  deployment echo ready in \\d+\\.\\d s")
        .containsPattern("WARN  deployment broken failed to load after \\d+\\.\\d s: .*no/such")
        .containsPattern("INFO  mixserve listening on http://127\\.0\\.0\\.1:\\d+ \\(loading 3")
        .containsPattern(
            "WARN  mixserve ready: 2 of 3 deployments loaded, \\d+\\.\\d s after start")
        .containsPattern("INFO  route /embeddings +embedding +onnx-bert +ready")
        .containsPattern("INFO  mixserve stopping \\(SIGTERM\\): draining")
        .containsPattern("INFO  mixserve stopped in \\d+\\.\\d s \\(exit code 143\\)");
    assertThat(seen.stream().filter(l -> l.contains("model file not found")).count())
        .as("the failure's reason, said once: %n%s", all)
        .isEqualTo(1);
    assertThat(indexOf("listening on")).isLessThan(indexOf("mixserve ready: "));
  }

  private int indexOf(String text) {
    for (int i = 0; i < seen.size(); i++) {
      if (seen.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private void await(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        seen.add(line);
        if (line.contains(text)) {
          return;
        }
      }
    }
    throw new AssertionError("serve never logged '" + text + "'; it logged:\n" + seen);
  }
}
