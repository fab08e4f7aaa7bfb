package dev.mixserve.config;

import dev.mixserve.api.Deployment;
import java.util.Optional;

/**
 * A check of one deployment that the config module cannot make itself (whether its engine kind is
 * known needs the engines on the class path): the loader runs it on each deployment as it reads it,
 * so that a problem is reported at the line of the deployment's {@code engine.kind}.
 */
@FunctionalInterface
public interface DeploymentCheck {
  /** What is wrong with {@code d}, in a sentence, or empty. */
  Optional<String> problem(Deployment d);

  /** No check beyond the config's own. */
  DeploymentCheck NONE = d -> Optional.empty();
}
