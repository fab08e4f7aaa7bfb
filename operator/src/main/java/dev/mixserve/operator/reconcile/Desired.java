package dev.mixserve.operator.reconcile;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.k8s.ClusterManifests;
import dev.mixserve.k8s.RenderOptions;
import dev.mixserve.k8s.nodes.NodeFinding;
import dev.mixserve.operator.crd.MixServe;
import dev.mixserve.operator.crd.MixServeSpec;
import java.util.List;
import java.util.Objects;

/** What a {@code MixServe} asks for: a config and its rendering, or why it is not a config. */
public sealed interface Desired {
  /** What the config loader's messages name as their source. */
  String SOURCE = "spec";

  /**
   * @param message where and what, e.g. {@code spec.deployments[2].resources.gpu: a GPU share must
   *     be above 0 ...}
   */
  record Invalid(String message) implements Desired {
    public Invalid {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * @param config the config the spec is, planned on the inventory's nodes
   * @param rendered what {@code render k8s} prints for it, and its plan
   * @param findings the inventory's disagreements with the spec
   */
  record Valid(
      MixserveConfig config, ClusterManifests.Rendered rendered, List<NodeFinding> findings)
      implements Desired {
    public Valid {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(rendered, "rendered");
      findings = List.copyOf(findings);
    }
  }

  /**
   * The spec as config text, loaded as a file is, planned and rendered: {@code render k8s}'s path.
   *
   * @param defaultImage the image when the spec names none
   */
  static Desired of(MixServe cr, NodeInventory inventory, String defaultImage) {
    MixServeSpec spec = cr.getSpec();
    if (spec == null) {
      return new Invalid("spec: missing");
    }
    try {
      String text = SpecText.of(spec);
      MixserveConfig config = ConfigLoader.parse(text, SOURCE);
      var inv = inventory.nodes(config.nodes());
      if (!inv.nodes().equals(config.nodes())) {
        text = SpecText.of(SpecText.withNodes(spec, inv.nodes()));
        config = ConfigLoader.parse(text, SOURCE);
      }
      String image = spec.image() == null || spec.image().isBlank() ? defaultImage : spec.image();
      var options =
          new RenderOptions(
              cr.getMetadata().getNamespace(), image, Boolean.TRUE.equals(spec.dra()));
      return new Valid(config, ClusterManifests.render(config, text, options), inv.findings());
    } catch (ConfigException e) {
      return new Invalid(specPath(e));
    } catch (IllegalArgumentException e) {
      return new Invalid("spec: " + e.getMessage());
    }
  }

  /**
   * The loader's message names a line of text the operator wrote, not one the user did: the
   * document path ({@code spec.deployments[2].resources.gpu}) is where to look.
   */
  private static String specPath(ConfigException e) {
    String rest = e.getMessage().replaceFirst("^" + SOURCE + "(:\\d+)?: ", "");
    return e.path().isEmpty() ? SOURCE + ": " + rest : SOURCE + "." + rest;
  }
}
