package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `mixserve config FILE` and `serve --config FILE` refuse the same configs with the same FILE:LINE
 * message: `config` said ok to an engine kind that `serve` then refused without file or line (#20).
 */
class ConfigCheckTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown engine kind | kind: onnx-bertt | kind: | engine 'onnx-bertt' is unknown; known: [",
        "kind without the task | kind: freetts | kind: | engine 'freetts' does not do embedding",
        "server with no command | kind: openai-server | kind: | needs process.command",
        "upstream with no URL | kind: upstream; model: x | kind: | expected an http(s) base URL",
        "not an engine key | kind: echo; modle: x | modle: | unknown key 'modle'"
      })
  void checkAndServeRefuseAlikeAtTheLine(String what, String engine, String at, String problem)
      throws IOException {
    Path file = tmp.resolve("mixserve.yaml");
    Files.writeString(
        file,
        """
        server: {host: 127.0.0.1, port: 0}
        deployments:
          - name: ok
            task: embedding
            engine: {kind: echo}
          - name: broken
            task: embedding
            engine:
              %s
        """
            .formatted(engine.replace("; ", "\n      ")));
    var check = Run.of("config", file.toString());
    var serve = Run.of("serve", "--config", file.toString());
    assertThat(check.code()).as(check.out()).isEqualTo(2);
    assertThat(serve.code()).as(serve.out()).isEqualTo(2);
    assertThat(check.err()).isEqualTo(serve.err());
    assertThat(check.err().strip())
        .startsWith("error: " + file + ":" + lineOf(file, at) + ": deployments[1].engine.")
        .contains(problem)
        .doesNotContain("\n");
  }

  /** The line of {@code key} in the broken deployment. */
  private static int lineOf(Path file, String key) throws IOException {
    var lines = Files.readAllLines(file);
    int from = lines.indexOf("  - name: broken");
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(key)) {
        return i + 1;
      }
    }
    throw new AssertionError("no " + key + " in " + lines);
  }
}
