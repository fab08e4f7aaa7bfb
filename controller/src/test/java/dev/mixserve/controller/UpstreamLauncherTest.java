package dev.mixserve.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Task;
import dev.mixserve.scheduler.device.LaunchHints;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamLauncherTest {
  private final FakeProbe probe = new FakeProbe();
  private final UpstreamLauncher launcher = new UpstreamLauncher(probe);

  @Test
  void theEndpointIsTheConfiguredUrlAndReadinessIsAHealthCheck() throws Exception {
    try (var listening =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + listening.getLocalPort();
      var started = launcher.start(spec(url));

      assertThat(started.endpoint()).isEqualTo(URI.create(url));
      assertThat(started.ready()).isTrue();
      probe.failing.add(started.endpoint());
      assertThat(started.ready()).isFalse();
      assertThat(started.exited()).as("a failing check is not an exit").isNotDone();
    }
  }

  @Test
  void aRefusedConnectionEndsTheStartAtOnce() throws Exception {
    int port;
    try (var closed = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    var started = launcher.start(spec("http://127.0.0.1:" + port));

    assertThat(started.ready()).isFalse();
    assertThat(started.exited()).isDone();
    assertThat(started.exited().get()).contains("unreachable");
  }

  @Test
  void itExitsOnlyWhenStopped() throws Exception {
    var started = launcher.start(spec("http://gpu-box:8001"));
    assertThat(started.exited()).isNotDone();

    started.stop(Duration.ZERO);

    assertThat(started.exited()).isDone();
  }

  @Test
  void aModelThatIsNoUrlCannotStart() {
    assertThatThrownBy(() -> launcher.start(spec("models/llm.gguf")))
        .isInstanceOf(Launcher.LaunchException.class)
        .hasMessageContaining("http(s) base URL");
  }

  private static ReplicaSpec spec(String url) {
    var d =
        new Deployment(
            "up",
            "/up",
            Task.CHAT,
            new EngineSpec("upstream", url, Map.of()),
            null,
            null,
            1,
            null,
            null,
            null,
            null);
    return new ReplicaSpec("up-1", d, new LaunchHints(Map.of(), List.of()), null);
  }
}
