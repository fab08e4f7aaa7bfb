package dev.mixserve.controller;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.HealthCheck;
import dev.mixserve.controller.health.HealthProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The health checks of one running replica: when the next is due, the one in flight, the failures
 * in a row and its last sign of life. A check is a real request, so it queues behind the calls a
 * busy replica works on: one that timed out while the replica answered calls says "busy", not
 * "broken", and counts as passed. Controller thread only, like its replica.
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
  private boolean timeoutsOnly;
  private long answersSeen;
  private Instant alive;
  private String lastFailure = "";

  ReplicaHealth(Deployment deployment, Effects effects, ReplicaMetrics metrics) {
    this.deployment = deployment;
    this.config = deployment.health();
    this.effects = effects;
    this.metrics = metrics;
  }

  /** A replica just became ready: that was its check, the next is one interval away. */
  void restart(Instant now, Member member) {
    due = now.plus(config.interval());
    check = null;
    failures = 0;
    timeoutsOnly = true;
    answersSeen = member.answers();
    alive = now;
  }

  /** Sends a check when one is due or the gateway saw the replica fail, unless one is out. */
  void sendIfDue(Instant now, Member member) {
    if (check == null && (member.takeCheckRequest() || !now.isBefore(due))) {
      sent = now;
      due = now.plus(config.interval());
      check = effects.check(member.endpoint(), deployment, config.timeout());
    }
  }

  /** Why the check in flight failed, once it is known to have; else null. */
  String collect(Instant now, Member member) {
    HealthProbe.Result r = null;
    if (check != null && check.isDone()) {
      r = check.join();
    } else if (check != null && now.isAfter(sent.plus(config.timeout().multipliedBy(2)))) {
      // the probe bounds itself; this only guards against one that does not
      r = HealthProbe.Result.timedOut("no answer within " + config.timeout());
    }
    if (r == null) {
      return null;
    }
    check = null;
    // Answers since the last check, not since this one was sent: no gap between checks where a
    // replica's answers go unseen.
    long answers = member.answers();
    boolean busy = r.timedOut() && answers != answersSeen;
    answersSeen = answers;
    metrics.checked(r.ok(), busy);
    if (r.ok() || busy) {
      failures = 0;
      timeoutsOnly = true;
      alive = now;
    } else if (member.unreachable() && !r.timedOut()) {
      // The gateway found it refusing connections and the check it asked for failed too: nothing
      // answers there (a worker that died), so the replica fails now instead of after the
      // threshold, and requests waiting for it are told at once instead of at their deadline.
      failures = Math.max(failures + 1, config.failureThreshold());
      timeoutsOnly = false;
      lastFailure = r.reason();
    } else {
      failures++;
      timeoutsOnly &= r.timedOut();
      lastFailure = r.reason();
    }
    if (r.ok()) {
      member.reachable();
    }
    return r.ok() || busy ? null : r.reason();
  }

  /** Whether enough checks failed in a row to restart the replica. */
  boolean failing() {
    return failures >= config.failureThreshold();
  }

  /**
   * Whether it fails only for checks that timed out, with a sign of life (a passed check, an
   * answer) within one request deadline: it may be busy with calls longer than the checks' cadence.
   * Past a deadline without any answer every call sent to it failed, so it serves nobody.
   */
  boolean failingForTimeoutsAlone(Instant now) {
    Duration deadline = deployment.limits().timeout();
    return failing() && timeoutsOnly && now.isBefore(alive.plus(deadline));
  }

  int failures() {
    return failures;
  }

  /** Why the last failed check failed. */
  String lastFailure() {
    return lastFailure;
  }
}
