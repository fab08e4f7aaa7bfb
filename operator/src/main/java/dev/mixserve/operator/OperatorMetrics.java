package dev.mixserve.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operator's counters in Prometheus' text format: enough to alert on a reconcile loop that
 * fails or spins, without a metrics library.
 */
public final class OperatorMetrics implements Metrics {
  private final LongAdder events = new LongAdder();
  private final LongAdder reconciles = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder cleanups = new LongAdder();
  private final AtomicBoolean leader = new AtomicBoolean();

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    events.increment();
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    reconciles.increment();
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    failures.increment();
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    cleanups.increment();
  }

  void leading(boolean now) {
    leader.set(now);
  }

  public boolean leading() {
    return leader.get();
  }

  public long reconciles() {
    return reconciles.sum();
  }

  public long failures() {
    return failures.sum();
  }

  /** The exposition text served at {@code /metrics}. */
  public String text() {
    var sb = new StringBuilder();
    counter(sb, "events", "Events that reached the reconciler's queue.", events.sum());
    counter(sb, "reconciles", "Reconciles started, retries included.", reconciles.sum());
    counter(sb, "reconcile_errors", "Reconciles that ended in an exception.", failures.sum());
    counter(sb, "cleanups", "MixServe resources deleted and cleaned up.", cleanups.sum());
    sb.append("# HELP mixserve_operator_leader 1 while this operator holds the lease.\n")
        .append("# TYPE mixserve_operator_leader gauge\n")
        .append("mixserve_operator_leader ")
        .append(leader.get() ? 1 : 0)
        .append('\n');
    return sb.toString();
  }

  private static void counter(StringBuilder sb, String name, String help, long value) {
    String full = "mixserve_operator_" + name + "_total";
    sb.append("# HELP ").append(full).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(full).append(" counter\n");
    sb.append(full).append(' ').append(value).append('\n');
  }
}
