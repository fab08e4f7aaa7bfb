package dev.mixserve.controller;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.HealthCheck;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The health checks of one running replica: when the next is due, the one in flight and the
 * failures in a row. Controller thread only, like its replica.
 */
final class ReplicaHealth {
  private final Deployment deployment;
  private final HealthCheck config;
  private final Effects effects;
  private final ReplicaMetrics metrics;
  private Instant due;
  private Instant sent;
  private CompletableFuture<HealthProbe.Result> check;
  private int failures;

  ReplicaHealth(Deployment deployment, Effects effects, ReplicaMetrics metrics) {
    this.deployment = deployment;
    this.config = deployment.health();
    this.effects = effects;
    this.metrics = metrics;
  }

  /** A replica just became ready: that was its check, the next is one interval away. */
  void restart(Instant now) {
    due = now.plus(config.interval());
    check = null;
    failures = 0;
  }

  /** Sends a check when one is due or the gateway saw the replica fail, unless one is out. */
  void sendIfDue(Instant now, Member member) {
    if (check == null && (member.takeCheckRequest() || !now.isBefore(due))) {
      sent = now;
      due = now.plus(config.interval());
      check =
          effects.check(member.endpoint(), deployment.name(), deployment.task(), config.timeout());
    }
  }

  /** The result of the check in flight once it is known, or null. */
  HealthProbe.Result collect(Instant now, Member member) {
    HealthProbe.Result r = null;
    if (check != null && check.isDone()) {
      r = check.join();
    } else if (check != null && now.isAfter(sent.plus(config.timeout().multipliedBy(2)))) {
      // the probe bounds itself; this only guards against one that does not
      r = HealthProbe.Result.timedOut("no answer within " + config.timeout());
    }
    if (r != null) {
      check = null;
      metrics.checked(r.ok());
      failures = r.ok() ? 0 : failures + 1;
      if (r.ok()) {
        member.reachable();
      }
    }
    return r;
  }

  /** Whether enough checks failed in a row to restart the replica. */
  boolean failing() {
    return failures >= config.failureThreshold();
  }

  int failures() {
    return failures;
  }
}
