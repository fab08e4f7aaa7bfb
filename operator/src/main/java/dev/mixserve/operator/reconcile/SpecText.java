package dev.mixserve.operator.reconcile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.operator.crd.MixServeSpec;
import dev.mixserve.operator.crd.NodeSpec;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A spec's config part as the YAML of a config file: the text the ConfigMap carries and the config
 * loader reads, so that a spec and a file with the same keys are one config. Absent keys stay
 * absent (the loader's defaults apply), and key order is the spec's.
 */
final class SpecText {
  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private SpecText() {}

  static String of(MixServeSpec spec) {
    ObjectNode tree = YAML.valueToTree(spec);
    tree.remove("image"); // Kubernetes' options, not the config's
    tree.remove("dra");
    try {
      return tree.isEmpty() ? "" : YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same spec planning with {@code nodes} instead of the ones it declares. */
  static MixServeSpec withNodes(MixServeSpec spec, List<Node> nodes) {
    return new MixServeSpec(
        spec.image(),
        spec.dra(),
        spec.server(),
        nodes.stream().map(SpecText::node).toList(),
        spec.deployments());
  }

  private static NodeSpec node(Node n) {
    return new NodeSpec(
        n.name(),
        n.address().isEmpty() ? null : n.address(),
        n.labels().isEmpty() ? null : n.labels(),
        n.accelerators().stream().map(SpecText::accelerator).toList());
  }

  private static NodeSpec.Accelerator accelerator(Accelerator a) {
    return new NodeSpec.Accelerator(
        a.vendor().id(),
        a.model().isEmpty() ? null : a.model(),
        a.arch().isEmpty() ? null : a.arch(),
        a.memoryBytes(),
        a.unified(),
        a.index());
  }
}
