package dev.mixserve.cli;

import dev.mixserve.k8s.RenderOptions;
import dev.mixserve.operator.Leadership;
import dev.mixserve.operator.MixServeOperator;
import dev.mixserve.operator.OperatorService;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mixserve operator}: keeps the cluster true to its {@code MixServe} resources. Runs in the
 * pod that {@code render k8s --operator} describes, or anywhere a kubeconfig reaches the cluster.
 */
@Command(
    name = "operator",
    description = "Run the Kubernetes operator for MixServe resources (kubectl get ms).")
final class OperatorCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port of /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      description = "Image for resources whose spec names none (default: this build's).")
  String image;

  @Option(
      names = "--namespace",
      split = ",",
      paramLabel = "NS",
      description = "Watch only these namespaces (default: all).")
  Set<String> namespaces = Set.of();

  @Option(
      names = "--nodes",
      defaultValue = "cluster",
      paramLabel = "SOURCE",
      description =
          "cluster: merge the spec's nodes with the Nodes' GPU capacity and labels; declared:"
              + " the spec's nodes as written (default: ${DEFAULT-VALUE}).")
  String nodes;

  @Option(
      names = "--leader-election",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Lead through a Lease in $POD_NAMESPACE, so that one of several replicas reconciles"
              + " (default: on).")
  boolean leaderElection;

  @Override
  public Integer call() throws Exception {
    if (!nodes.equals("cluster") && !nodes.equals("declared")) {
      System.err.println("error: --nodes: expected cluster or declared, got '" + nodes + "'");
      return 2;
    }
    try (var client = new KubernetesClientBuilder().build()) {
      var settings =
          new MixServeOperator.Settings(
              client,
              nodes.equals("cluster"),
              image == null ? RenderOptions.defaultImage() : image,
              namespaces,
              leaderElection ? Optional.of(leadership(client.getNamespace())) : Optional.empty());
      var service = OperatorService.start(settings, port);
      System.out.println(
          "mixserve operator: /healthz, /readyz, /metrics on port " + service.port());
      Shutdown.untilExit(service); // SIGTERM or Ctrl-C
    }
    return 0;
  }

  /** The pod's namespace and name (the Deployment passes them down), else the kubeconfig's. */
  private static Leadership leadership(String kubeconfigNamespace) throws UnknownHostException {
    String ns = System.getenv("POD_NAMESPACE");
    String name = System.getenv("POD_NAME");
    return Leadership.standard(
        ns != null ? ns : kubeconfigNamespace != null ? kubeconfigNamespace : "default",
        name != null ? name : InetAddress.getLocalHost().getHostName());
  }
}
