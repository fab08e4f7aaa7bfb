package dev.mixserve.k8s;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every object of a mixserve cluster on Kubernetes for one config: what {@code mixserve render k8s}
 * prints and the operator applies. The plan decides which nodes get a worker; the head reaches them
 * by their Services' names, written into the config it reads.
 */
public final class ClusterManifests {
  private ClusterManifests() {}

  /**
   * @param objects in the order {@code kubectl apply} should create them: identity and config
   *     before the pods that use them
   * @param plan where the replicas go; its refusals are replicas no worker will serve
   * @param clusterKey the members read the cluster key from {@link ClusterKeySecret}, which must
   *     exist ({@link ClusterKeySecret#createCommand} makes it)
   */
  public record Rendered(List<HasMetadata> objects, Plan plan, boolean clusterKey) {
    public String yaml() {
      return Yaml.write(objects);
    }
  }

  /**
   * @param config the parsed config
   * @param text the config file as the user wrote it (what the ConfigMap carries, addresses set)
   */
  public static Rendered render(MixserveConfig config, String text, RenderOptions options) {
    config.nodes().stream()
        .filter(n -> !Names.isLocal(n))
        .forEach(n -> Names.dnsLabel(n.name())); // each names a Service: fail first
    var plan =
        Scheduler.plan(config.nodes(), config.deployments(), List.of(), ScheduleOptions.DEFAULT);
    var workers = Worker.of(config, plan);
    var out = new ArrayList<HasMetadata>(Rbac.objects(options));
    out.add(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(Names.CONFIG_MAP)
            .withNamespace(options.namespace())
            .withLabels(Names.common("config"))
            .endMetadata()
            .withData(Map.of(Names.CONFIG_KEY, ConfigText.withAddresses(text, options.namespace())))
            .build());
    if (options.dra()) {
      out.addAll(DraClaims.claims(workers, options));
    }
    out.add(HeadObjects.deployment(config, plan, options));
    var services = KServeManifests.services(config, options.namespace());
    out.add(services.getFirst());
    for (Worker w : workers) {
      out.add(WorkerObjects.deployment(w, config, options));
      out.add(WorkerObjects.service(w, options));
    }
    out.addAll(services.subList(1, services.size()));
    boolean clusterKey = ClusterKeySecret.needed(config, workers);
    if (clusterKey) {
      ClusterKeySecret.mount(out);
    }
    return new Rendered(List.copyOf(out), plan, clusterKey);
  }
}
