package dev.mixserve.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import dev.mixserve.gateway.cluster.ClusterRole;
import dev.mixserve.protocol.Json;
import dev.mixserve.scheduler.inventory.LocalSystemProbe;
import dev.mixserve.scheduler.inventory.SystemProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The memory measured in use on this machine's GPU, from a fake nvidia-smi that the test writes:
 * the server runs it as it would the real one (a process, killed when it hangs), for detection and
 * for the dashboard's measurements. The worker's GPU is never measured by the head.
 */
class UiGpuMemoryIT {
  static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: 0, nodes_down_after: 3600s}
      nodes:
        - name: here
          address: 127.0.0.1
          accelerators: [{vendor: nvidia, model: RTX 3090, arch: sm_86, memory: 24GiB}]
        - name: there
          address: http://there.invalid:8000
          accelerators: [{vendor: nvidia, model: RTX 2070, arch: sm_75, memory: 8GiB}]
      deployments:
        - name: chat
          task: chat
          engine: {kind: echo}
          resources: {gpu: 0.5}
          placement: {node: here}
      """;

  static final String DETECT =
      "0, NVIDIA GeForce RTX 3090, GPU-9e8d7c6b-5a4f-3e2d-1c0b-a9b8c7d6e5f4, 24576, 8.6,"
          + " 00000000:0A:00.0";

  @TempDir Path tools;

  @Test
  void theStatusStreamAndTheClusterPageShowTheMeasuredUse() throws Exception {
    var probe = nvidiaSmi("echo '0, 3174, 24576'", Duration.ofSeconds(1));
    try (var server = start(probe)) {
      try (var in = events(server)) {
        JsonNode status =
            until(in, s -> gpu(s, "here").hasNonNull("used_bytes"), Duration.ofSeconds(10));
        assertThat(gpu(status, "here").get("used_bytes").asLong()).isEqualTo(3174L << 20);
        assertThat(gpu(status, "here").get("total_bytes").asLong()).isEqualTo(24576L << 20);
        assertThat(gpu(status, "there").get("used_bytes").isNull()).isTrue();
      }
      var browser = Browser.get(UiPagesIT.microphone());
      String base = "http://127.0.0.1:" + server.port();
      browser.get(base + "/ui/");
      String here = "[data-key='here/nvidia/0']";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !browser.findElements(By.cssSelector(here + " .measured")).isEmpty());
      String said = "measured 3.1 GiB of 24.0 GiB in use";
      assertThat(Browser.find(browser, here + " .measured").getAttribute("aria-label"))
          .isEqualTo(said);
      assertThat(Browser.find(browser, here + " .bar").getAttribute("aria-label")).endsWith(said);
      assertThat(Browser.find(browser, here).getText()).contains(said);
      assertThat(Browser.find(browser, "[data-key='there/nvidia/0']").getAttribute("data-used"))
          .isEqualTo("unknown");
      assertThat(browser.findElements(By.cssSelector("[data-key='there/nvidia/0'] .measured")))
          .isEmpty();
      Browser.screenshot(browser, "cluster-gpu-memory");
      assertThat(Browser.consoleErrors(browser)).isEmpty();
      browser.get("about:blank"); // its event stream ends here, not when the server stops
    }
  }

  @Test
  void aToolThatHangsHoldsUpNoStatusEventAndTheUseStaysUnknown() throws Exception {
    Path asked = tools.resolve("asked");
    var probe = nvidiaSmi("touch " + asked + "; exec sleep 12", Duration.ofSeconds(10));
    try (var server = start(probe)) {
      try (var in = events(server)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(asked));
        // were the stream waiting on the tool, nothing would come until it is killed (10 s)
        var statuses = new ArrayList<JsonNode>();
        for (int i = 0; i < 3; i++) {
          statuses.add(until(in, s -> true, Duration.ofSeconds(5)));
        }
        assertThat(statuses).allSatisfy(s -> assertThat(gpu(s, "here").get("used_bytes").isNull()));
      }
      var browser = Browser.get(UiPagesIT.microphone());
      browser.get("http://127.0.0.1:" + server.port() + "/ui/");
      String here = "[data-key='here/nvidia/0']";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> !browser.findElements(By.cssSelector(here + "[data-used=unknown]")).isEmpty());
      assertThat(browser.findElements(By.cssSelector(".gpu .measured"))).isEmpty();
      assertThat(Browser.find(browser, here).getText()).doesNotContain("measured");
      browser.get("about:blank");
    }
  }

  private static MixserveServer start(SystemProbe probe) {
    var config = ConfigLoader.parse(CONFIG, "gpu-memory.yaml");
    var ctx = new EngineContext(Path.of("target"), Map.of());
    return MixserveServer.start(
        config, EngineRegistry.discover(), ctx, null, new ClusterRole.Head(), null, probe);
  }

  /**
   * This machine with {@code memory} as what nvidia-smi's memory query runs, and no other GPU: no
   * other vendor's tools, no DRM cards.
   */
  private SystemProbe nvidiaSmi(String memory, Duration timeout) throws Exception {
    Path script = tools.resolve("nvidia-smi");
    Files.writeString(
        script,
        """
        #!/bin/sh
        case "$1" in
          --query-gpu=index,name,uuid,*) echo '%s' ;;
          --query-gpu=index,memory.used,memory.total) %s ;;
          *) exit 2 ;;
        esac
        """
            .formatted(DETECT, memory));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    var real = new LocalSystemProbe(timeout);
    return new SystemProbe() {
      @Override
      public Optional<String> run(List<String> command) {
        if (!command.getFirst().equals("nvidia-smi")) {
          return Optional.empty();
        }
        var fake = new ArrayList<>(command);
        fake.set(0, script.toString());
        return real.run(fake);
      }

      @Override
      public Optional<String> read(Path file) {
        return file.startsWith("/sys") ? Optional.empty() : real.read(file);
      }

      @Override
      public List<Path> list(Path dir) {
        return dir.startsWith("/sys") ? List.of() : real.list(dir);
      }
    };
  }

  private static BufferedReader events(MixserveServer server) throws Exception {
    var uri = URI.create("http://127.0.0.1:" + server.port() + "/-/events?interval_ms=200");
    var res =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
    return new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8));
  }

  private static JsonNode gpu(JsonNode status, String node) {
    for (JsonNode g : status.get("gpus")) {
      if (g.get("node").asText().equals(node)) {
        return g;
      }
    }
    throw new AssertionError("no GPU of " + node + " in " + status);
  }

  /** The next status event that satisfies {@code ok}, read within {@code limit}. */
  private static JsonNode until(BufferedReader in, Predicate<JsonNode> ok, Duration limit)
      throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    String event = null;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (System.nanoTime() > end) {
        break;
      }
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ") && "status".equals(event)) {
        JsonNode s = Json.object(line.substring(6).getBytes(StandardCharsets.UTF_8));
        if (ok.test(s)) {
          return s;
        }
      }
    }
    throw new AssertionError("no status event came that satisfied the test");
  }
}
