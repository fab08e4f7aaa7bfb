package dev.mixserve.gateway.ui;

import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.http.RouteTable;
import java.util.Comparator;
import java.util.List;

/**
 * The route table's deployments in the order the config lists them: the table keeps them longest
 * prefix first, for matching, which is no order for a person reading the page.
 */
final class ConfigOrder {
  private ConfigOrder() {}

  static List<DeploymentRuntime> of(RouteTable table) {
    List<String> names =
        table
            .cluster()
            .map(c -> c.config().deployments().stream().map(d -> d.name()).toList())
            .orElse(List.of());
    return table.all().stream()
        .sorted(
            Comparator.comparingInt(
                rt -> {
                  int i = names.indexOf(rt.deployment().name());
                  return i < 0 ? Integer.MAX_VALUE : i;
                }))
        .toList();
  }
}
