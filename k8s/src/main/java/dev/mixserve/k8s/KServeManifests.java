package dev.mixserve.k8s;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Kubernetes side of the KServe compatibility layer: the endpoint Service and one ExternalName
 * Service per alias, so that {@code whisper-predictor.ai-ml} resolves to the one endpoint.
 */
public final class KServeManifests {
  public static final String ENDPOINT = "ai-inference-serve-svc";
  private static final Pattern ALIAS =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)");
  private static final Map<String, String> LABELS =
      Map.of("app.kubernetes.io/name", "mixserve", "app.kubernetes.io/part-of", "mixserve");

  private KServeManifests() {}

  /**
   * @param namespace where the mixserve endpoint Service lives
   */
  public static List<Service> services(MixserveConfig config, String namespace) {
    var out = new ArrayList<Service>();
    out.add(endpoint(namespace));
    String target = ENDPOINT + "." + namespace + ".svc.cluster.local";
    for (String alias : aliases(config)) {
      var m = ALIAS.matcher(alias);
      if (m.matches()) {
        out.add(externalName(m.group(1), m.group(3), target));
      }
    }
    return out;
  }

  /** Every alias of the config that names a Service: NAME.NAMESPACE. */
  static List<String> aliases(MixserveConfig config) {
    var names = new LinkedHashSet<String>();
    var server = config.server();
    for (Deployment d : config.deployments()) {
      if (server.defaultAliases()) {
        names.add(d.name() + "-predictor." + server.aliasNamespace());
      }
      d.aliases().stream()
          .map(a -> a.replaceFirst("\\.svc(\\.cluster\\.local)?$", ""))
          .forEach(names::add);
    }
    return List.copyOf(names);
  }

  private static Service endpoint(String namespace) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(ENDPOINT)
        .withNamespace(namespace)
        .withLabels(LABELS)
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Names.head()) // the head routes; workers are reached through it
        .withPorts(port("http", 8000), port("http-80", 80))
        .endSpec()
        .build();
  }

  private static Service externalName(String name, String namespace, String target) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(LABELS)
        .withAnnotations(Map.of("mixserve.dev/alias-of", target))
        .endMetadata()
        .withNewSpec()
        .withType("ExternalName")
        .withExternalName(target)
        .withPorts(port("http", 80), port("http-8000", 8000))
        .endSpec()
        .build();
  }

  /** Port {@code port} of a Service, forwarded to mixserve's 8000. */
  private static ServicePort port(String name, int port) {
    return new ServicePortBuilder()
        .withName(name)
        .withProtocol("TCP")
        .withPort(port)
        .withTargetPort(new IntOrString(8000))
        .build();
  }

  /** The objects as one multi-document YAML stream, as kubectl apply -f takes it. */
  public static String yaml(List<Service> services) {
    return Yaml.write(services);
  }
}
