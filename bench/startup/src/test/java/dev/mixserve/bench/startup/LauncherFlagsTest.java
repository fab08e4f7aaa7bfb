package dev.mixserve.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherFlagsTest {
  /**
   * The launcher's own script, read as the bench reads it: every path it gives the JVM lies in the
   * bench's private cache (the launcher's cache= line once went unread, and the archive went to
   * /native).
   */
  @Test
  void theLaunchersPathsLieInTheGivenCache(@TempDir Path cache) throws Exception {
    Path script = Path.of("../../mixserve").toAbsolutePath().normalize();
    assertThat(Files.isRegularFile(script)).as(script.toString()).isTrue();
    var flags = LauncherFlags.read(script, cache);
    assertThat(flags).anyMatch(f -> f.startsWith("-XX:SharedArchiveFile="));
    for (String f : flags) {
      if (f.contains("/native")) {
        assertThat(f).as(f).contains(cache.toString());
      }
    }
  }
}
