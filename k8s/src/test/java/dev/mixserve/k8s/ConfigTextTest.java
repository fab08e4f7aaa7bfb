package dev.mixserve.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Node;
import dev.mixserve.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class ConfigTextTest {
  @Test
  void onlyTheAddressesChangeEvenForStringsThatLookLikeOtherTypes() {
    String text =
        """
        nodes:
          - {name: a, address: "http://old:8000", accelerators: [{vendor: nvidia, memory: 8GiB}]}
          - name: b
        deployments:
          - name: "yes"
            task: chat
            engine:
              kind: echo
              model: "1.0"
              options: {s: "true", b: true, n: "null", x: "0x10", f: 1.5, o: "on", t: "~"}
        """;
    MixserveConfig before = ConfigLoader.parse(text, "t");
    String after = ConfigText.withAddresses(text, "ns");
    var nodes =
        before.nodes().stream()
            .map(
                n ->
                    new Node(
                        n.name(),
                        "http://mixserve-worker-" + n.name() + ".ns.svc.cluster.local:8000",
                        n.labels(),
                        n.accelerators()))
            .toList();
    assertThat(ConfigLoader.parse(after, "configmap"))
        .as(after)
        .isEqualTo(new MixserveConfig(before.server(), nodes, before.deployments()));
    assertThat(after).doesNotContain("old:8000");
  }

  @Test
  void aFileWithoutNodesStaysAsItIs() {
    String text = "deployments:\n  - {name: e, task: embedding, engine: {kind: echo}}\n";
    assertThat(ConfigLoader.parse(ConfigText.withAddresses(text, "ns"), "t"))
        .isEqualTo(ConfigLoader.parse(text, "t"));
  }
}
