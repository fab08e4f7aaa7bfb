package dev.mixserve.cli;

import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.k8s.KServeManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mixserve render k8s FILE}: the KServe layer's Services as YAML, for GitOps. */
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
      defaultValue = "mixserve",
      description = "Namespace of the endpoint Service (default: ${DEFAULT-VALUE}).")
  String namespace;

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
    try {
      var config = file == null ? ConfigLoader.defaults() : ConfigLoader.load(file);
      String yaml = KServeManifests.yaml(KServeManifests.services(config, namespace));
      if (output == null) {
        System.out.print(yaml);
      } else {
        Files.writeString(output, yaml);
      }
      return 0;
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
