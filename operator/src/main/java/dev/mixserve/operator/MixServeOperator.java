package dev.mixserve.operator;

import dev.mixserve.operator.reconcile.MixServeReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One running operator: java-operator-sdk with the {@code MixServe} reconciler registered. */
public final class MixServeOperator implements AutoCloseable {
  private final Operator operator;
  private final OperatorMetrics metrics;

  /**
   * @param client the API server's client; the operator does not close it
   * @param clusterNodes plan on the spec's nodes merged with the cluster's Nodes; false: on the
   *     spec's nodes as written
   * @param defaultImage the image when a spec names none
   * @param namespaces the namespaces to watch; empty for all
   * @param leadership leader election, or none for a single operator
   */
  public record Settings(
      KubernetesClient client,
      boolean clusterNodes,
      String defaultImage,
      Set<String> namespaces,
      Optional<Leadership> leadership) {
    public Settings {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(defaultImage, "defaultImage");
      namespaces = Set.copyOf(namespaces);
      Objects.requireNonNull(leadership, "leadership");
    }
  }

  private MixServeOperator(Operator operator, OperatorMetrics metrics) {
    this.operator = operator;
    this.metrics = metrics;
  }

  public static MixServeOperator start(Settings settings) {
    var metrics = new OperatorMetrics();
    var operator = new Operator(o -> configure(o, settings, metrics));
    var reconciler =
        new MixServeReconciler(settings.clusterNodes(), settings.defaultImage(), Clock.systemUTC());
    operator.register(
        reconciler,
        c -> {
          if (!settings.namespaces().isEmpty()) {
            c.settingNamespaces(settings.namespaces());
          }
        });
    operator.start();
    if (settings.leadership().isEmpty()) {
      metrics.leading(true);
    }
    return new MixServeOperator(operator, metrics);
  }

  /**
   * Status patches are JSON merge patches, not server-side apply: the mock API server the tests run
   * against has no apply, and the operator should run in production the way it was tested.
   */
  private static void configure(
      ConfigurationServiceOverrider o, Settings settings, OperatorMetrics metrics) {
    o.withKubernetesClient(settings.client())
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(false)
        .withMetrics(metrics);
    settings
        .leadership()
        .ifPresent(
            l ->
                o.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            Leadership.LEASE)
                        .withLeaseNamespace(l.leaseNamespace())
                        .withIdentity(l.identity())
                        .withLeaseDuration(l.leaseDuration())
                        .withRenewDeadline(l.renewDeadline())
                        .withRetryPeriod(l.retryPeriod())
                        .withExitOnStopLeading(l.exitOnLoss())
                        .withLeaderCallbacks(
                            new LeaderCallbacks(
                                () -> metrics.leading(true),
                                () -> metrics.leading(false),
                                leader -> {}))
                        .build()));
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  /** Started: a leader, or a candidate waiting for the lease. */
  public boolean alive() {
    return operator.getRuntimeInfo().isStarted();
  }

  /**
   * Can do its work: the leader once every informer is connected; a candidate as soon as it runs,
   * since its informers start only when it leads, and a standby that is never ready would keep its
   * Deployment from ever becoming available.
   */
  public boolean ready() {
    var info = operator.getRuntimeInfo();
    return alive() && (!metrics.leading() || info.allEventSourcesAreHealthy());
  }

  @Override
  public void close() {
    operator.stop();
  }
}
