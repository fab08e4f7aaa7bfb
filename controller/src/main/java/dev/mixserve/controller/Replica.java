package dev.mixserve.controller;

import static dev.mixserve.controller.ReplicaState.DRAINING;
import static dev.mixserve.controller.ReplicaState.FAILED;
import static dev.mixserve.controller.ReplicaState.PENDING;
import static dev.mixserve.controller.ReplicaState.RUNNING;
import static dev.mixserve.controller.ReplicaState.STARTING;
import static dev.mixserve.controller.ReplicaState.STOPPED;

import dev.mixserve.api.ProcessSpec;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * One replica's state machine. Only the controller thread touches it, always with an explicit
 * {@code now}; launcher and probe calls run elsewhere and come back as futures read on later ticks.
 */
final class Replica {
  private static final System.Logger LOG = System.getLogger(Replica.class.getName());

  private final ReplicaSpec spec;
  private final int seq;
  private final Effects effects;
  private final RestartPolicy policy;
  private final ReplicaMetrics metrics;
  private final ProcessSpec process;
  private final ReplicaHealth health;

  private ReplicaState state = PENDING;
  private Instant since;
  private int failures;
  private int restarts;
  private Instant nextStart;
  private Duration drainTimeout;
  private String lastError = "";
  private Member member;
  private boolean kept;
  private CompletableFuture<Launcher.Started> starting;
  private CompletableFuture<Boolean> probe;
  private CompletableFuture<Void> stopping;

  Replica(ReplicaSpec spec, int seq, Effects effects, RestartPolicy policy, ReplicaMetrics m) {
    this.spec = spec;
    this.seq = seq;
    this.effects = effects;
    this.policy = policy;
    this.metrics = m;
    this.process =
        spec.deployment().process() != null ? spec.deployment().process() : ProcessSpec.DEFAULT;
    this.health = new ReplicaHealth(spec.deployment(), effects, m);
  }

  /**
   * @param othersServe whether another replica of its set runs and passes its checks, asked only
   *     before failing it for checks that timed out
   */
  void advance(Instant now, BooleanSupplier othersServe) {
    switch (state) {
      case PENDING -> launch(now);
      case STARTING -> starting(now);
      case RUNNING -> running(now, othersServe);
      case FAILED -> restartIfDue(now);
      case DRAINING -> draining(now);
      case STOPPED -> {}
    }
  }

  /**
   * Takes in its health check's result if one came. Every replica of a set does so before any
   * advances, so that checks failing in the same tick are seen as at the same moment.
   */
  void collectCheck(Instant now) {
    if (state == RUNNING) {
      String failed = health.collect(now, member);
      if (failed != null) {
        lastError = failed;
      }
    }
  }

  /** Sends a health check if one is due or the gateway saw this replica fail. */
  void checkHealth(Instant now) {
    if (state == RUNNING) {
      health.sendIfDue(now, member);
    }
  }

  /** Takes it out of routing now; it stops once its calls finish or {@code timeout} passed. */
  void drain(Instant now, Duration timeout) {
    if (state == DRAINING) {
      drainTimeout = min(drainTimeout, elapsed(now).plus(timeout)); // shutdown may be in a hurry
      return;
    }
    if (state == STOPPED) {
      return;
    }
    drainTimeout = timeout;
    if (state != RUNNING && stopping == null) {
      stopping = effects.stop(starting, process.stopTimeout());
    }
    enter(DRAINING, now);
  }

  private void launch(Instant now) {
    enter(STARTING, now);
    probe = null;
    stopping = null;
    starting = effects.start(spec);
  }

  private void starting(Instant now) {
    if (starting.isCompletedExceptionally()) {
      fail(now, "could not start: " + cause(starting));
      return;
    }
    Launcher.Started s = starting.getNow(null);
    if (s != null && s.exited().isDone()) {
      fail(now, "exited while starting: " + s.exited().getNow(""));
    } else if (s != null && probe != null && probe.getNow(false)) {
      run(now, s);
    } else if (elapsed(now).compareTo(process.startupTimeout()) >= 0) {
      fail(now, "not ready within " + process.startupTimeout());
    } else if (s != null && (probe == null || probe.isDone())) {
      probe = effects.ready(s);
    }
  }

  private void run(Instant now, Launcher.Started s) {
    member = new Member(id(), s.endpoint(), spec.deployment().limits().maxOngoingRequests());
    health.restart(now, member);
    kept = false;
    enter(RUNNING, now);
    LOG.log(Level.INFO, "replica {0} running at {1}", id(), s.endpoint());
  }

  private void running(Instant now, BooleanSupplier othersServe) {
    var exited = starting.join().exited();
    if (exited.isDone()) {
      fail(now, "exited: " + exited.getNow(""));
      return;
    }
    if (!health.failing()) {
      kept = false;
    } else if (health.failingForTimeoutsAlone(now) && !othersServe.getAsBoolean()) {
      keep(); // a slow answer from the last replica beats a 503 from none
    } else {
      fail(now, health.failures() + " health checks failed, the last: " + health.lastFailure());
    }
  }

  private void keep() {
    lastError =
        health.failures()
            + " health checks timed out (the last: "
            + health.lastFailure()
            + "); kept running, as no other replica of "
            + spec.deployment().name()
            + " serves";
    if (!kept) {
      kept = true;
      LOG.log(Level.WARNING, "replica {0}: {1}", id(), lastError);
    }
  }

  /** Running and passing its checks. */
  boolean serving() {
    return state == RUNNING && !health.failing() && !member.unreachable();
  }

  private void restartIfDue(Instant now) {
    if (stopping.isDone() && !now.isBefore(nextStart)) {
      restarts++;
      metrics.restarts().inc();
      launch(now);
    }
  }

  private void draining(Instant now) {
    boolean idle = member == null || member.inFlight() == 0;
    if (stopping == null && (idle || elapsed(now).compareTo(drainTimeout) >= 0)) {
      stopping = effects.stop(starting, process.stopTimeout());
    }
    if (stopping != null && stopping.isDone()) {
      enter(STOPPED, now);
    }
  }

  private void fail(Instant now, String reason) {
    if (state == RUNNING && elapsed(now).compareTo(policy.resetAfter()) >= 0) {
      failures = 0; // it ran long enough that this is a new problem
    }
    failures++;
    lastError = reason;
    nextStart = now.plus(policy.delay(failures));
    member = null;
    stopping = effects.stop(starting, process.stopTimeout());
    enter(FAILED, now);
    LOG.log(
        Level.WARNING,
        "replica {0} failed ({1}), next start in {2}",
        id(),
        reason,
        policy.delay(failures));
  }

  private void enter(ReplicaState next, Instant now) {
    state = next;
    since = now;
  }

  private Duration elapsed(Instant now) {
    return elapsed(since, now);
  }

  private static Duration elapsed(Instant from, Instant now) {
    return Duration.between(from, now);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String cause(CompletableFuture<?> f) {
    try {
      f.join();
      return "";
    } catch (CompletionException e) {
      return String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    }
  }

  String id() {
    return spec.id();
  }

  int seq() {
    return seq;
  }

  ReplicaState state() {
    return state;
  }

  int failures() {
    return failures;
  }

  /** Its member while RUNNING, else null. */
  Member member() {
    return state == RUNNING ? member : null;
  }

  ReplicaView view() {
    var s =
        starting != null && starting.isDone() && !starting.isCompletedExceptionally()
            ? starting.join()
            : null;
    return new ReplicaView(
        id(),
        spec.deployment().name(),
        state,
        s == null ? null : s.endpoint(),
        restarts,
        lastError,
        member == null ? 0 : member.inFlight());
  }
}
