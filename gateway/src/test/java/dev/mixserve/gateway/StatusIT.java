package dev.mixserve.gateway;

import static dev.mixserve.gateway.EmbeddingsIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** serve runs the scheduler on its config and shows the placement, refusals included. */
public class StatusIT {
  static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: 0}
      nodes:
        - name: khelben
          address: 10.0.0.5
          accelerators:
            - {vendor: amd, model: Radeon 8060S, arch: gfx1151, memory: 64GiB, unified: true}
      deployments:
        - name: llm
          task: embedding
          engine: {kind: echo}
          resources: {gpu: 0.95}
          placement: {vendor: amd}
        - name: greedy
          task: embedding
          engine: {kind: echo}
          resources: {gpu: 0.5}
          placement: {node: khelben}
      """;

  @Test
  void routesAndStatusShowPlacementAndRefusals() throws Exception {
    var cfg = ConfigLoader.parse(CONFIG, "status");
    try (var server =
        MixserveServer.start(
            cfg, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()))) {
      server.loaded().get(10, TimeUnit.SECONDS);
      var client = HttpClient.newHttpClient();
      JsonNode routes = get(client, server, "/-/routes").get("routes");
      JsonNode llm = find(routes, "llm");
      assertThat(llm.get("placement").get(0).get("node").asText()).isEqualTo("khelben");
      assertThat(llm.get("placement").get(0).get("gpu_milli").asInt()).isEqualTo(950);
      assertThat(llm.get("placement").get(0).get("memory_budget_bytes").asLong())
          .isEqualTo((64L << 30) * 950 / 1000);
      JsonNode greedy = find(routes, "greedy");
      assertThat(greedy.get("placement")).isEmpty();
      assertThat(greedy.get("unplaced").get(0).get("reasons").get(0).asText())
          .contains("khelben")
          .contains("50 milli-GPU free")
          .contains("needs 500");
      JsonNode status = get(client, server, "/-/status");
      assertThat(status.get("plan").get("assignments")).isNotEmpty();
    }
  }

  static JsonNode find(JsonNode routes, String name) {
    for (JsonNode r : routes) {
      if (r.get("deployment").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError(name + " not in " + routes);
  }

  static JsonNode get(HttpClient client, MixserveServer s, String path) throws Exception {
    var res =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    return json(res.body());
  }
}
