package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.upstream.Replicas;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Engine kinds that name a server of their own run as its processes, process: block or not. */
public class ServersOfTheirOwnTest {
  private static final EngineRegistry NO_ENGINES = new EngineRegistry(Map.of());

  @Test
  void theHomelabIsServedAsItIs() {
    var homelab = ConfigLoader.load(Path.of("../examples/homelab.yaml"));
    assertThatCode(() -> MixserveServer.check(homelab, NO_ENGINES)).doesNotThrowAnyException();
    assertThat(homelab.deployments())
        .allSatisfy(d -> assertThat(d.process()).isNull())
        .allMatch(Replicas::outside);
  }

  @Test
  void aGenericServerStillNeedsItsCommandLine() {
    var config =
        yaml(
            """
            deployments:
              - {name: srv, task: chat, engine: {kind: openai-server, model: m}}
            """);
    assertThatThrownBy(() -> MixserveServer.check(config, NO_ENGINES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "deployment 'srv': engine kind 'openai-server' needs process.command, the server's"
                + " command line");
  }

  @Test
  void anUnknownKindListsTheServersOfTheirOwn() {
    var config =
        yaml(
            """
            deployments:
              - {name: x, task: chat, engine: {kind: vlm, model: m}}
            """);
    assertThatThrownBy(() -> MixserveServer.check(config, NO_ENGINES))
        .hasMessageContaining("engine 'vlm' is unknown")
        .hasMessageContaining("servers of their own: ")
        .hasMessageContaining("xtts");
  }

  private static MixserveConfig yaml(String text) {
    return ConfigLoader.parse(text, "test.yaml");
  }
}
