package dev.mixserve.controller;

/**
 * Picks the replica kind per deployment: a server that already runs (engine kind "upstream") or a
 * supervised child process (everything else the controller is given).
 */
public final class KindLauncher implements Launcher {
  private final Launcher processes;
  private final Launcher upstreams;

  public KindLauncher(Launcher processes, Launcher upstreams) {
    this.processes = processes;
    this.upstreams = upstreams;
  }

  /** Whether replicas of this kind are servers the controller does not start itself. */
  public static boolean upstream(dev.mixserve.api.Deployment d) {
    return d.engine().kind().equals("upstream");
  }

  @Override
  public Started start(ReplicaSpec spec) throws LaunchException {
    return (upstream(spec.deployment()) ? upstreams : processes).start(spec);
  }
}
