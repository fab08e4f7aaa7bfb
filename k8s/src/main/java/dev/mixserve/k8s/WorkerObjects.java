package dev.mixserve.k8s;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.MixserveConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceClaim;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A node's worker: a Deployment pinned to the node and the headless Service the head calls. */
final class WorkerObjects {
  private WorkerObjects() {}

  /**
   * Where the worker may run. Always the node's own host: the config's labels (the seed's {@code
   * site: homelab}) may be shared by several nodes, and a worker on the wrong host would find
   * another vendor's GPU. So the node's labels from the config are required as well, and a {@code
   * kubernetes.io/hostname} among them names the host when it differs from the node's name.
   */
  static Map<String, String> nodeSelector(dev.mixserve.api.Node node) {
    var out = new TreeMap<String, String>(node.labels());
    out.putIfAbsent(Names.HOSTNAME, node.name());
    return out;
  }

  /**
   * Recreate, not a rolling update: the worker holds its whole devices, so a second pod could not
   * get them (device plugin) or would double their memory (DRA) while the first still runs.
   */
  static Deployment deployment(Worker w, MixserveConfig config, RenderOptions options) {
    String node = w.node().name();
    long memory = w.memoryBytes(config);
    var res =
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", Pods.milliCpu(w.milliCpu(config)))
            .addToRequests("memory", Pods.bytes(memory))
            .addToLimits("memory", Pods.bytes(memory));
    var claims = new ArrayList<PodResourceClaim>();
    if (options.dra()) {
      for (Accelerator g : w.gpus()) {
        String name = "gpu-" + g.index();
        claims.add(new PodResourceClaim(name, DraClaims.name(node, g), null));
        res.addToClaims(new ResourceClaim(name, null));
      }
    } else {
      // Extended resources are whole devices; requests default to limits.
      w.pluginResources().forEach((k, n) -> res.addToLimits(k, new Quantity(n.toString())));
    }
    // --head: the worker follows the head's plan, so what moves here when a node dies starts here.
    var args =
        List.of(
            "serve",
            "--config",
            Names.CONFIG_PATH,
            "--node",
            node,
            "--head",
            Names.headAddress(options.namespace()));
    var labels = new LinkedHashMap<>(Names.common("worker"));
    labels.put(Names.NODE, node);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(Names.workerName(node))
        .withNamespace(options.namespace())
        .withLabels(labels)
        .withAnnotations(Map.of("mixserve.dev/deployments", String.join(",", w.deployments())))
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(Names.worker(node))
        .endSelector()
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Names.worker(node))
        .endMetadata()
        .withNewSpec()
        .withNodeSelector(nodeSelector(w.node()))
        .withTolerations(tolerations(w))
        .withAutomountServiceAccountToken(false) // a worker never calls the API server
        .withSecurityContext(Pods.security())
        .withTerminationGracePeriodSeconds(60L) // streams in flight finish
        .withContainers(Pods.container(options.image(), args, res.build(), Worker.JVM_BYTES))
        .withResourceClaims(claims)
        .withVolumes(Pods.volumes())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** GPU nodes are often tainted with their device resource's name, so that only GPU pods land. */
  private static List<Toleration> tolerations(Worker w) {
    return w.pluginResources().keySet().stream()
        .map(
            k ->
                new TolerationBuilder()
                    .withKey(k)
                    .withOperator("Exists")
                    .withEffect("NoSchedule")
                    .build())
        .toList();
  }

  /**
   * Headless: the head calls the one worker pod itself. Not-ready addresses are published so the
   * head can read a loading worker's own status instead of seeing no address at all.
   */
  static Service service(Worker w, RenderOptions options) {
    String node = w.node().name();
    var labels = new LinkedHashMap<>(Names.common("worker"));
    labels.put(Names.NODE, node);
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(Names.workerName(node))
        .withNamespace(options.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(Names.worker(node))
        .addNewPort()
        .withName("http")
        .withProtocol("TCP")
        .withPort(Names.PORT)
        .withTargetPort(new IntOrString("http"))
        .endPort()
        .endSpec()
        .build();
  }
}
