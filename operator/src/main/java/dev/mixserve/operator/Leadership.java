package dev.mixserve.operator;

import java.time.Duration;
import java.util.Objects;

/**
 * Leader election over a Lease: one operator reconciles, the others wait to take over.
 *
 * @param leaseNamespace where the Lease lives (the operator's own namespace)
 * @param identity this operator's name in the Lease (its pod name)
 * @param leaseDuration how long a leader that stopped renewing keeps the Lease
 * @param renewDeadline how long the leader tries to renew before it gives up leading
 * @param retryPeriod how often candidates try
 * @param exitOnLoss end the process when leadership is lost, so that no reconcile of the old leader
 *     overlaps the new one's (a pod restarts as a candidate); tests stop operators in one JVM
 */
public record Leadership(
    String leaseNamespace,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    boolean exitOnLoss) {
  public static final String LEASE = "mixserve-operator";

  public Leadership {
    Objects.requireNonNull(leaseNamespace, "leaseNamespace");
    Objects.requireNonNull(identity, "identity");
    if (identity.isBlank()) {
      throw new IllegalArgumentException("identity must not be blank");
    }
    if (renewDeadline.compareTo(leaseDuration) >= 0 || retryPeriod.compareTo(renewDeadline) >= 0) {
      throw new IllegalArgumentException(
          "expected retryPeriod < renewDeadline < leaseDuration, got "
              + retryPeriod
              + ", "
              + renewDeadline
              + ", "
              + leaseDuration);
    }
  }

  /** Kubernetes' own controllers' timings: 15 s lease, 10 s to renew, a try every 2 s. */
  public static Leadership standard(String leaseNamespace, String identity) {
    return new Leadership(
        leaseNamespace,
        identity,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        true);
  }
}
