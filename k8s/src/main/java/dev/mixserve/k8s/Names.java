package dev.mixserve.k8s;

import java.util.LinkedHashMap;
import java.util.Map;

/** Object names and labels: one place, because the Services select what the Deployments label. */
final class Names {
  static final String APP = "mixserve";
  static final String NAME = "app.kubernetes.io/name";
  static final String COMPONENT = "app.kubernetes.io/component";
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final String NODE = "mixserve.dev/node";
  static final String HOSTNAME = "kubernetes.io/hostname";
  static final String CONFIG_MAP = "mixserve-config";
  static final String CONFIG_KEY = "mixserve.yaml";
  static final String CONFIG_DIR = "/etc/mixserve";
  static final String CONFIG_PATH = CONFIG_DIR + "/" + CONFIG_KEY;
  static final String HEAD = "mixserve-head";
  static final String SERVICE_ACCOUNT = "mixserve-head";
  static final int PORT = 8000;

  private Names() {}

  /** The labels a head pod carries and the endpoint Service selects. */
  static Map<String, String> head() {
    return Map.of(NAME, APP, COMPONENT, "head");
  }

  /** The labels node {@code node}'s worker pod carries and its headless Service selects. */
  static Map<String, String> worker(String node) {
    return Map.of(NAME, APP, COMPONENT, "worker", NODE, node);
  }

  /** Labels for objects that are not pods: name and part-of, so one selector finds them all. */
  static Map<String, String> common(String component) {
    var out = new LinkedHashMap<String, String>();
    out.put(NAME, APP);
    out.put(PART_OF, APP);
    out.put(COMPONENT, component);
    return out;
  }

  /** {@code mixserve-worker-N}: the worker's Deployment and headless Service. */
  static String workerName(String node) {
    return "mixserve-worker-" + dnsLabel(node);
  }

  /**
   * A node at a loopback address is the machine {@code mixserve serve} runs on (the built-in
   * config's {@code local}): on Kubernetes that is the head's own pod, not a host to pin a worker
   * to.
   */
  static boolean isLocal(dev.mixserve.api.Node node) {
    String host = node.address().replaceFirst("^[a-z]+://", "").replaceFirst("/.*$", "");
    host =
        host.startsWith("[")
            ? host.substring(0, host.indexOf(']') + 1)
            : host.replaceFirst(":\\d+$", "");
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
  }

  /** The address workers reach the head at: the endpoint Service, which selects only heads. */
  static String headAddress(String namespace) {
    return "http://" + KServeManifests.ENDPOINT + "." + namespace + ".svc.cluster.local:" + PORT;
  }

  /** The address the head reaches node {@code node}'s worker at, through its headless Service. */
  static String workerAddress(String node, String namespace) {
    return "http://" + workerName(node) + "." + namespace + ".svc.cluster.local:" + PORT;
  }

  /**
   * A node name as a DNS label, which Service names must be. Rejects what cannot be mapped one to
   * one (upper case, dots): a silently changed name would make two nodes share a Service.
   */
  static String dnsLabel(String name) {
    if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || name.length() > 47) {
      throw new IllegalArgumentException(
          "node name '"
              + name
              + "' is not a DNS label of at most 47 characters (lower case letters, digits and"
              + " '-'); Kubernetes names its worker Service after it");
    }
    return name;
  }

  static void requireDnsLabel(String name, String what) {
    if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || name.length() > 63) {
      throw new IllegalArgumentException(what + " '" + name + "' is not a DNS label");
    }
  }
}
