package dev.mixserve.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.ProcessSpec;
import dev.mixserve.api.Task;
import dev.mixserve.controller.Launcher.LaunchException;
import dev.mixserve.controller.Launcher.Started;
import dev.mixserve.controller.ReplicaSpec;
import dev.mixserve.scheduler.device.LaunchHints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generic servers (sh, python) under ProcessLauncher: logs, readiness, stop, kill. */
class ProcessLauncherIT {
  @TempDir Path tmp;
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private ProcessLauncher launcher;

  @BeforeEach
  void setUp() {
    launcher = new ProcessLauncher(new CommandTemplate(), tmp.resolve("r"), logs::add);
  }

  @AfterEach
  void tearDown() {
    launcher.close();
  }

  @Test
  void readyWhenTheServerAnswers() throws Exception {
    Assumptions.assumeTrue(Executables.find("python3", System.getenv("PATH")).isPresent());
    var r = start("python3", "-m", "http.server", "{port}", "--bind", "{host}");
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(r::ready);
    r.stop(Duration.ofSeconds(5));
    assertThat(r.exited()).isDone();
    assertThat(r.ready()).isFalse();
  }

  @Test
  void logsCarryTheReplicaIdAndTheExitReasonTheLastLines() throws Exception {
    var r = start("sh", "-c", "echo hello from {replica}; echo the end >&2; exit 3");
    String reason = r.exited().get(5, TimeUnit.SECONDS);
    assertThat(reason).isEqualTo("exit code 3; last lines:\nhello from srv-1\nthe end");
    assertThat(logs).contains("[srv-1] hello from srv-1", "[srv-1] the end");
    assertThat(r.ready()).isFalse();
  }

  @Test
  void stopKillsWhatIgnoresSigtermAndItsChildren() throws Exception {
    var r = start("sh", "-c", "trap '' TERM; sleep 60 & echo up; wait");
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("[srv-1] up"));
    var family = ProcessHandle.current().children().flatMap(this::withDescendants).toList();

    long t0 = System.nanoTime();
    r.stop(Duration.ofMillis(300));

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(r.exited().get()).startsWith("exit code 137");
    assertThat(family).noneMatch(ProcessHandle::isAlive);
  }

  private java.util.stream.Stream<ProcessHandle> withDescendants(ProcessHandle h) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants());
  }

  private Started start(String... command) throws LaunchException {
    var p =
        new ProcessSpec(
            List.of(command), null, null, "/", Duration.ofSeconds(10), Duration.ofSeconds(1));
    var d =
        new Deployment(
            "srv",
            "/srv",
            Task.CHAT,
            new EngineSpec("openai-server", "", Map.of()),
            null,
            null,
            1,
            null,
            null,
            null,
            null,
            p,
            null,
            null);
    return launcher.start(new ReplicaSpec("srv-1", d, new LaunchHints(Map.of(), List.of()), null));
  }
}
