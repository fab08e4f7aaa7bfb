package dev.mixserve.controller.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed with SIGKILL leaves mixserve-PID behind; the next one to start removes it. */
class StaleScratchTest {
  @TempDir Path tmp;

  @Test
  void startingALauncherRemovesTheFolderOfADeadServerAndKeepsThoseInUse() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor(10, TimeUnit.SECONDS);
    Process alive = new ProcessBuilder("sleep", "30").start();
    Process killedToo = new ProcessBuilder("true").start();
    killedToo.waitFor(10, TimeUnit.SECONDS);
    // A replica its killed server left running, with its {tmp} in that server's folder.
    Path orphanTmp = tmp.resolve("mixserve-" + killedToo.pid()).resolve("r-1");
    Process orphan = new ProcessBuilder("sh", "-c", "sleep 30; true", orphanTmp.toString()).start();
    String saved = System.getProperty("java.io.tmpdir");
    try {
      Path dead = Files.createDirectories(tmp.resolve("mixserve-" + gone.pid()).resolve("r-1"));
      Files.writeString(dead.resolve("model.bin"), "left over");
      Path live = Files.createDirectories(tmp.resolve("mixserve-" + alive.pid()).resolve("r-1"));
      Files.createDirectories(orphanTmp);
      System.setProperty("java.io.tmpdir", tmp.toString());

      new ProcessLauncher(dev.mixserve.api.engine.ModelFetcher.LOCAL_ONLY).close();

      assertThat(tmp.resolve("mixserve-" + gone.pid())).doesNotExist();
      assertThat(live).isDirectory();
      assertThat(orphanTmp).isDirectory();
    } finally {
      System.setProperty("java.io.tmpdir", saved);
      alive.destroyForcibly();
      orphan.destroyForcibly();
    }
  }
}
