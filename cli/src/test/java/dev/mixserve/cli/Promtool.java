package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** `promtool check metrics` (Debian package prometheus); CI must have it, elsewhere it may skip. */
final class Promtool {
  private Promtool() {}

  static void check(String metrics) throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      assertThat(System.getenv("CI")).as("CI must install promtool").isNotEqualTo("true");
      assumeTrue(false, "promtool not installed (apt-get install prometheus)");
    }
    Path file = Files.createTempFile("metrics", ".txt");
    Files.writeString(file, metrics);
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    Files.delete(file);
  }
}
