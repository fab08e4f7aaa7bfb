package dev.mixserve.controller.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirsTest {
  @TempDir Path tmp;
  @TempDir Path elsewhere;

  @Test
  void removesOnlyTheFoldersOfProcessesThatAreGone() throws Exception {
    long self = 100;
    Path dead = mkdirs("mixserve-111/r-1/cache");
    Files.writeString(dead.resolve("f"), "x");
    Path halfRemoved = mkdirs("mixserve-333.removing-7/r-2");
    Path running = mkdirs("mixserve-222/r-1");
    Path mine = mkdirs("mixserve-100/r-1");
    Path notOurs = mkdirs("mixserve-config4711");
    Path otherName = mkdirs("mixserve-12x");
    Files.writeString(elsewhere.resolve("precious"), "keep");
    Path link = Files.createSymbolicLink(tmp.resolve("mixserve-444"), elsewhere);

    Path used = mkdirs("mixserve-555/r-1");

    var removed = ScratchDirs.sweep(tmp, self, pid -> pid == 222, used.getParent()::equals);

    assertThat(removed)
        .containsExactlyInAnyOrder(tmp.resolve("mixserve-111"), halfRemoved.getParent());
    assertThat(tmp.resolve("mixserve-111")).doesNotExist();
    assertThat(halfRemoved.getParent()).doesNotExist();
    assertThat(running).isDirectory();
    assertThat(mine).isDirectory();
    assertThat(used).isDirectory();
    assertThat(notOurs).isDirectory();
    assertThat(otherName).isDirectory();
    assertThat(link).isSymbolicLink();
    assertThat(elsewhere.resolve("precious")).hasContent("keep");
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("mixserve-111"));
    }
  }

  @Test
  void aMissingTempDirIsNothingToSweep() {
    assertThat(ScratchDirs.sweep(tmp.resolve("absent"), 1, pid -> false, dir -> false)).isEmpty();
  }

  private Path mkdirs(String relative) throws Exception {
    return Files.createDirectories(tmp.resolve(relative));
  }
}
