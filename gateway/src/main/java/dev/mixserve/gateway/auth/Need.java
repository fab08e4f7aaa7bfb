package dev.mixserve.gateway.auth;

/**
 * What a path asks of a key before any deployment is known: nothing (the probes), an admin key (the
 * admin plane), or a key (everything else: a deployment's scope is checked once it is chosen).
 */
public enum Need {
  OPEN,
  ADMIN,
  KEY;

  /** For a canonical path at the root (before any route prefix is taken off). */
  public static Need of(String path) {
    return switch (path) {
      // probes: a kubelet or a load balancer has no key, and learns nothing but up or down
      case "/-/healthz", "/-/ready", "/v2/health/live", "/v2/health/ready" -> OPEN;
      case "/metrics", "/ui" -> ADMIN;
      default -> path.startsWith("/-/") || path.startsWith("/ui/") ? ADMIN : KEY;
    };
  }
}
