package dev.mixserve.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The Cluster page of examples/homelab.yaml, served by its head (the workers need not answer): the
 * seed's five deployments on their four nodes, with the seed's shares.
 */
class UiClusterIT {
  @Test
  void theHomelabShowsTheSeedsPlacement() throws Exception {
    String yaml =
        Files.readString(Path.of("../examples/homelab.yaml"))
            .replace("host: 0.0.0.0", "host: 127.0.0.1")
            .replace("port: 8000\n", "port: 0\n  nodes_down_after: 3600s\n");
    var config = ConfigLoader.parse(yaml, "homelab.yaml");
    var browser = Browser.get(UiPagesIT.microphone());
    try (var head =
        MixserveServer.start(
            config, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()))) {
      String base = "http://127.0.0.1:" + head.port();
      browser.get(base + "/ui/");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> browser.findElements(By.cssSelector("li[data-milli]")).size() == 5);
      // read in one script: each status event may draw the page anew
      @SuppressWarnings("unchecked")
      var shares =
          (java.util.List<String>)
              browser.executeScript(
                  "return [...document.querySelectorAll('li[data-milli]')].map(li =>"
                      + " `${li.dataset.deployment}@${li.dataset.node}=${li.dataset.milli}`)");
      assertThat(shares)
          .containsExactlyInAnyOrder(
              "llm@khelben=950",
              "whisper@elminster=500",
              "tts@elminster=500",
              "embeddings@drizzt=800",
              "reranker@danilo=800");
      assertThat(
              browser.executeScript(
                  "return document.querySelector('[data-node=elminster] .bar').textContent"))
          .asString()
          .contains("whisper 0.50")
          .contains("tts 0.50");
      assertThat(browser.findElements(By.cssSelector("#refusals [data-refused]"))).isEmpty();
      Browser.screenshot(browser, "cluster-homelab");
      assertThat(Browser.consoleErrors(browser)).isEmpty();
      Browser.assertOnlyServer(browser, base);
      browser.get("about:blank"); // its event stream ends here, not when the server stops
    }
  }
}
