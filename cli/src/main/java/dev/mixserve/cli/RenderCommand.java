package dev.mixserve.cli;

import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.k8s.ClusterManifests;
import dev.mixserve.k8s.RenderOptions;
import dev.mixserve.operator.OperatorManifests;
import dev.mixserve.scheduler.Refusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mixserve render k8s FILE}: every Kubernetes object of the cluster (head, a worker per node
 * the plan uses, Services, RBAC, aliases, config) as one YAML stream, for GitOps; {@code render k8s
 * --operator}: what installs the operator that renders the same objects from a MixServe resource.
 */
@Command(name = "render", description = "Render Kubernetes manifests for a config.")
final class RenderCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TARGET", description = "What to render: k8s")
  String target;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "FILE",
      description = "Config file (default: built-in).")
  Path file;

  @Option(
      names = "--namespace",
      defaultValue = RenderOptions.DEFAULT_NAMESPACE,
      description =
          "Namespace of the head, the workers and their Services (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      description = "Image the pods run (default: the one `mvn -Pimage package` builds).")
  String image;

  @Option(
      names = "--dra",
      description =
          "One resource.k8s.io/v1 ResourceClaim per GPU (clusters with a DRA driver) instead of"
              + " the device plugins' nvidia.com/gpu, amd.com/gpu, gpu.intel.com/*.")
  boolean dra;

  @Option(
      names = "--operator",
      description =
          "Print what installs the operator instead (CRD, ServiceAccount, ClusterRole, binding,"
              + " Deployment in --namespace); then apply MixServe resources.")
  boolean operator;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write here instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (!target.equals("k8s")) {
      System.err.println("error: unknown render target '" + target + "'; expected k8s");
      return 2;
    }
    if (operator) {
      return operator();
    }
    try {
      String text =
          file == null
              ? ConfigLoader.defaultText()
              : Files.readString(file, StandardCharsets.UTF_8);
      var config = file == null ? ConfigLoader.defaults() : ConfigLoader.load(file);
      var options =
          new RenderOptions(namespace, image == null ? RenderOptions.defaultImage() : image, dra);
      var rendered = ClusterManifests.render(config, text, options);
      if (!config.nodes().isEmpty()) { // without nodes the head serves everything itself
        for (Refusal r : rendered.plan().refusals()) {
          System.err.printf(
              "warning: replica %d of %s is not placed (%s), so no worker serves it; `mixserve"
                  + " plan` says why%n",
              r.replica(), r.deployment(), r.needs());
        }
      }
      if (rendered.clusterKey()) {
        System.err.printf(
            "note: keys are on, so the head and its workers call each other with the cluster key,"
                + " from the Secret %s, which this does not print (each rendering would change"
                + " the key): make it once with%n  %s%n",
            dev.mixserve.k8s.ClusterKeySecret.NAME,
            dev.mixserve.k8s.ClusterKeySecret.createCommand(namespace));
      }
      write(rendered.yaml());
      return 0;
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private int operator() throws IOException {
    if (file != null || dra) {
      System.err.println(
          "error: --operator prints the operator's install alone; the config goes in a MixServe"
              + " resource (examples/homelab-cr.yaml)");
      return 2;
    }
    try {
      // RenderOptions checks the namespace and image as it does for a config's objects
      var options =
          new RenderOptions(namespace, image == null ? RenderOptions.defaultImage() : image, false);
      write(OperatorManifests.yaml(options.namespace(), options.image()));
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private void write(String yaml) throws IOException {
    if (output == null) {
      System.out.print(yaml);
    } else {
      Files.writeString(output, yaml);
    }
  }
}
