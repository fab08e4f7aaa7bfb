package dev.mixserve.bench.hostile;

/** What the replicas of a deployment went through between two scrapes of /metrics. */
final class ReplicaCounts {
  private ReplicaCounts() {}

  static String delta(String before, String after, String deployment) {
    String d = "{deployment=\"" + deployment + "\"";
    return "restarts "
        + diff(before, after, "mixserve_replica_restarts_total" + d + "}")
        + "; health checks ok "
        + diff(before, after, "mixserve_health_checks_total" + d + ",result=\"ok\"}")
        + ", busy "
        + diff(before, after, "mixserve_health_checks_total" + d + ",result=\"busy\"}")
        + ", failed "
        + diff(before, after, "mixserve_health_checks_total" + d + ",result=\"failed\"}")
        + "; replicas running at the end "
        + (long) Scrape.value(after, "mixserve_replicas" + d + ",state=\"running\"}");
  }

  /** For the cases that do not call it: empty unless the idle upstream's replicas suffered. */
  static String sideEffects(String before, String after, String deployment) {
    String d = "{deployment=\"" + deployment + "\"";
    long failed = diff(before, after, "mixserve_health_checks_total" + d + ",result=\"failed\"}");
    long restarts = diff(before, after, "mixserve_replica_restarts_total" + d + "}");
    if (failed == 0 && restarts == 0) {
      return "";
    }
    return "; meanwhile the idle upstream '"
        + deployment
        + "': "
        + failed
        + " health checks failed, "
        + restarts
        + " restarts";
  }

  private static long diff(String before, String after, String series) {
    return (long) (Scrape.value(after, series) - Scrape.value(before, series));
  }
}
