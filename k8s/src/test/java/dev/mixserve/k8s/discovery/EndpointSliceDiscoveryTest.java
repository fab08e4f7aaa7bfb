package dev.mixserve.k8s.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The head's worker discovery against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class EndpointSliceDiscoveryTest {
  KubernetesClient client;

  static EndpointSlice slice(String node, String ip, boolean ready) {
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withName("mixserve-worker-" + node + "-abc")
        .withNamespace("mixserve")
        .addToLabels(EndpointSliceDiscovery.NODE_LABEL, node)
        .addToLabels("kubernetes.io/service-name", "mixserve-worker-" + node)
        .endMetadata()
        .withAddressType("IPv4")
        .addNewPort()
        .withName("http")
        .withPort(8000)
        .endPort()
        .addNewEndpoint()
        .withAddresses(ip)
        .withNewConditions()
        .withReady(ready)
        .endConditions()
        .endEndpoint()
        .build();
  }

  @Test
  void aWorkerThatAppearsMovesOrGoesIsSeenAndTold() {
    var slices = client.discovery().v1().endpointSlices().inNamespace("mixserve");
    slices.resource(slice("elminster", "10.0.0.7", true)).create();
    try (var d = new EndpointSliceDiscovery(client, "mixserve")) {
      var changes = new AtomicInteger();
      d.onChange(changes::incrementAndGet);
      await().atMost(Duration.ofSeconds(10)).until(() -> d.address("elminster").isPresent());
      assertThat(d.address("elminster")).hasValue("http://10.0.0.7:8000");
      assertThat(d.dynamic()).isTrue();

      slices.resource(slice("drizzt", "10.0.0.9", false)).create();
      slices.resource(slice("elminster", "10.0.0.8", true)).update();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> d.address("elminster").equals(java.util.Optional.of("http://10.0.0.8:8000")));
      assertThat(d.address("drizzt")).as("not ready: takes no traffic").isEmpty();
      assertThat(changes.get()).isPositive();

      slices.withName("mixserve-worker-elminster-abc").delete();
      await().atMost(Duration.ofSeconds(10)).until(() -> d.address("elminster").isEmpty());
    }
  }
}
