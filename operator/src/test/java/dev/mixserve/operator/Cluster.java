package dev.mixserve.operator;

import static org.awaitility.Awaitility.await;

import dev.mixserve.operator.crd.MixServe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The seed's resource, an operator on the mock API server, and what kubelets would report. */
final class Cluster {
  static final Path SEED = Path.of("../examples/homelab-cr.yaml");
  static final String IMAGE = "mixserve:test";
  static final Duration WAIT = Duration.ofSeconds(20);

  /** The mock server logs every request at INFO: thousands of lines that tell nothing here. */
  private static final java.util.logging.Logger MOCK =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK.setLevel(java.util.logging.Level.WARNING);
  }

  private Cluster() {}

  static MixServeOperator operator(KubernetesClient client, Optional<Leadership> leadership) {
    return MixServeOperator.start(
        new MixServeOperator.Settings(client, true, IMAGE, Set.of(), leadership));
  }

  /** examples/homelab-cr.yaml, in {@code namespace}. */
  static MixServe seed(KubernetesClient client, String namespace) {
    try {
      var cr =
          client.getKubernetesSerialization().unmarshal(Files.readString(SEED), MixServe.class);
      cr.getMetadata().setNamespace(namespace);
      return cr;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the Deployment controller writes once every pod of {@code d} runs its current spec. */
  static void ready(KubernetesClient client, Deployment d) {
    status(client, d, 1, 1, 1);
  }

  /** A rolling update half done: the new pod started, the old one still the only ready one. */
  static void surging(KubernetesClient client, Deployment d) {
    status(client, d, 2, 1, 1);
  }

  /** A Recreate rollout between its pods: the old one gone, the new one loading. */
  static void swapping(KubernetesClient client, Deployment d) {
    status(client, d, 1, 1, 0);
  }

  private static void status(
      KubernetesClient client, Deployment d, int replicas, int updated, int ready) {
    var fresh = client.resource(d).get();
    fresh.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(fresh.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .build());
    client.resource(fresh).updateStatus();
  }

  /** Every mixserve Deployment in {@code namespace} ready. */
  static void allReady(KubernetesClient client, String namespace) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(d -> ready(client, d));
  }

  static MixServe get(KubernetesClient client, MixServe cr) {
    return client.resource(cr).get();
  }

  /** A spec change as {@code kubectl edit} makes it: on the resource as it is now. */
  static void edit(KubernetesClient client, MixServe cr, UnaryOperator<MixServe> change) {
    client
        .resources(MixServe.class)
        .inNamespace(cr.getMetadata().getNamespace())
        .withName(cr.getMetadata().getName())
        .edit(change);
  }

  /** Waits until the resource's status passes {@code test}, and returns the resource. */
  static MixServe awaitStatus(KubernetesClient client, MixServe cr, Predicate<MixServe> test) {
    return await()
        .atMost(WAIT)
        .until(() -> get(client, cr), r -> r != null && r.getStatus() != null && test.test(r));
  }
}
