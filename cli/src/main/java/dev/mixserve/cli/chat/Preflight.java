package dev.mixserve.cli.chat;

import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.MixserveException;
import dev.mixserve.client.Target;

/**
 * Checks, before any question, that the server answers and serves {@code task} at the target, so
 * that a missing route is one clear message rather than an error after the user has typed.
 */
public final class Preflight {
  private Preflight() {}

  public static void require(MixserveClient client, Target target, String task, String url) {
    var models =
        client.models(target.route().isEmpty() ? Target.root() : Target.route(target.route()));
    boolean found =
        models.stream()
            .anyMatch(
                m ->
                    m.task().equals(task)
                        && (target.model() == null || m.id().equals(target.model())));
    if (!found) {
      throw new MixserveException(
          "mixserve at "
              + url
              + " serves no "
              + task
              + " deployment at "
              + target
              + "; see "
              + url
              + "/-/routes",
          404);
    }
  }
}
