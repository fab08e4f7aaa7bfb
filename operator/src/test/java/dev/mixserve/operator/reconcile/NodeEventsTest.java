package dev.mixserve.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Node updates wake the operator: a plan depends on labels and devices only. */
class NodeEventsTest {
  static NodeBuilder drizzt() {
    var devices = Map.of("memory", new Quantity("24Gi"), "amd.com/gpu", new Quantity("1"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName("drizzt")
        .withLabels(Map.of("amd.com/gpu.vram", "2G"))
        .endMetadata()
        .withNewStatus()
        .withCapacity(devices)
        .withAllocatable(devices)
        .endStatus();
  }

  static final Node BEFORE = drizzt().build();

  @Test
  void theKubeletsHeartbeatWakesNothing() {
    var beat =
        drizzt()
            .editStatus()
            .withConditions(
                new NodeConditionBuilder()
                    .withType("Ready")
                    .withStatus("True")
                    .withLastHeartbeatTime("2026-12-02T08:00:00Z")
                    .build())
            .endStatus()
            .build();
    assertThat(NodeEvents.gpuFactsChanged(beat, BEFORE)).isFalse();
  }

  @Test
  void aLabelOrADeviceCountWakesEveryResource() {
    var relabelled =
        drizzt().editMetadata().withLabels(Map.of("amd.com/gpu.vram", "4G")).endMetadata().build();
    var unplugged =
        drizzt()
            .editStatus()
            .withAllocatable(
                Map.of("memory", new Quantity("24Gi"), "amd.com/gpu", new Quantity("0")))
            .endStatus()
            .build();
    assertThat(NodeEvents.gpuFactsChanged(relabelled, BEFORE)).isTrue();
    assertThat(NodeEvents.gpuFactsChanged(unplugged, BEFORE)).isTrue();
  }
}
