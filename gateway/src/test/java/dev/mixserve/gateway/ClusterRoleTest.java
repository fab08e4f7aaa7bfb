package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.gateway.cluster.ClusterRole;
import dev.mixserve.gateway.cluster.Planner;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the head and each worker of the seed serve of examples/homelab.yaml. */
class ClusterRoleTest {
  static final MixserveConfig HOMELAB = ConfigLoader.load(Path.of("../examples/homelab.yaml"));

  static java.util.List<String> names(ClusterRole.Served s) {
    return s.config().deployments().stream().map(Deployment::name).toList();
  }

  @Test
  void eachWorkerServesWhatThePlanPutsOnItsNode() {
    assertThat(names(new ClusterRole.Worker("khelben").serve(HOMELAB))).containsExactly("llm");
    assertThat(names(new ClusterRole.Worker("elminster").serve(HOMELAB)))
        .containsExactly("whisper", "tts");
    assertThat(names(new ClusterRole.Worker("drizzt").serve(HOMELAB)))
        .containsExactly("embeddings");
    assertThat(names(new ClusterRole.Worker("danilo").serve(HOMELAB))).containsExactly("reranker");
    var llm = new ClusterRole.Worker("khelben").serve(HOMELAB).config().deployments().getFirst();
    assertThat(llm.engine().kind()).as("the worker runs the engine itself").isEqualTo("vllm");
  }

  @Test
  void theHeadReachesEveryDeploymentAtItsWorker() {
    var served = new ClusterRole.Head().serve(HOMELAB);
    assertThat(served.unplaced()).isEmpty();
    assertThat(served.config().deployments())
        .extracting(d -> d.engine().kind() + " " + d.engine().model())
        .containsExactly(
            "upstream http://khelben:8000/llm",
            "upstream http://elminster:8000/whisper",
            "upstream http://elminster:8000/tts",
            "upstream http://drizzt:8000/embeddings",
            "upstream http://danilo:8000/reranker");
    assertThat(served.config().deployments()).allMatch(d -> d.process() == null);
  }

  @Test
  void withANodeDownItsPinnedDeploymentsAreRefusedWithTheReason() {
    var planner = new Planner();
    planner.down(Set.of("elminster"));
    var p = planner.plan(HOMELAB);
    var served = new ClusterRole.Head().serve(HOMELAB, p);
    assertThat(served.unplaced().keySet()).containsExactlyInAnyOrder("whisper", "tts");
    assertThat(served.unplaced().get("tts")).startsWith("nodes down: elminster; ");
    assertThat(names(new ClusterRole.Worker("elminster").serve(HOMELAB, p))).isEmpty();
  }

  @Test
  void aConfigWithoutAddressesIsOneMachineServedAsWritten() {
    var local =
        ConfigLoader.parse("deployments: [{name: e, task: embedding, engine: {kind: echo}}]", "t");
    assertThat(new ClusterRole.Head().serve(local).config()).isEqualTo(local);
  }

  /** Its local node's address is 127.0.0.1: this machine, not a worker (serve broke on it). */
  @Test
  void theBuiltInConfigIsOneMachineServedAsWritten() {
    var defaults = ConfigLoader.defaults();
    assertThat(defaults.nodes()).isNotEmpty();
    var served = new ClusterRole.Head().serve(defaults);
    assertThat(served.config()).isEqualTo(defaults);
    assertThat(served.unplaced()).isEmpty();
    MixserveServer.check(served.config(), dev.mixserve.core.EngineRegistry.discover());
  }

  @Test
  void aWorkerForANodeTheConfigLacksIsRefused() {
    assertThatThrownBy(() -> new ClusterRole.Worker("nowhere").serve(HOMELAB))
        .hasMessageContaining("declares no such node")
        .hasMessageContaining("khelben");
  }
}
