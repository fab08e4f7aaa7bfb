package dev.mixserve.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.Task;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.controller.Member;
import dev.mixserve.gateway.http.Call;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;

/**
 * Sends one admitted call to a replica chosen by power of two choices. A call that fails before
 * anything reached the client is tried once more on another replica when that is safe: always when
 * the replica never got the request, otherwise only for idempotent work (everything but a streamed
 * chat, which may already have generated tokens nobody will see).
 */
public final class ReplicaRouter {
  /** How often a request waiting for a replica looks whether one is still coming. */
  private static final Duration POLL = Duration.ofMillis(500);

  private ReplicaRouter() {}

  /** Admits the call to the deployment's gate, then forwards it within its deadline. */
  public static void admitAndForward(Call call, dev.mixserve.core.runtime.DeploymentRuntime rt) {
    var replicas = (ReplicaEngine) rt.engine();
    var deadline = call.deadline(rt.deployment().limits().timeout());
    long end = System.nanoTime() + deadline.toNanos();
    try (var permit = rt.gate().enter(deadline)) {
      forward(call, replicas, end);
    }
  }

  static void forward(Call call, ReplicaEngine engine, long deadlineNanos) {
    var pool = engine.pool();
    Member first = await(engine, deadlineNanos);
    UpstreamProxy.Outcome outcome = once(call, engine, first, deadlineNanos);
    if (!(outcome instanceof UpstreamProxy.Outcome.Failed failed)) {
      return;
    }
    report(engine, first, failed);
    if (failed.requestSent() && !idempotent(call, engine)) {
      throw failed.error();
    }
    var second = pool.pick(Set.of(first.id()));
    if (second.isEmpty()) {
      throw failed.error();
    }
    outcome = once(call, engine, second.get(), deadlineNanos);
    if (outcome instanceof UpstreamProxy.Outcome.Failed again) {
      report(engine, second.get(), again);
      throw again.error();
    }
  }

  /**
   * A running replica, waiting (bounded by the deadline) while one is on its way, as after a scale
   * from zero; a deployment whose replicas all failed is answered at once.
   */
  private static Member await(ReplicaEngine engine, long deadlineNanos) {
    var pool = engine.pool();
    try {
      while (true) {
        Duration wait = left(deadlineNanos);
        var m = pool.awaitMember(wait.compareTo(POLL) < 0 ? wait : POLL);
        if (m.isPresent()) {
          return m.get();
        }
        var why = engine.whyNone();
        if (why.isPresent()) {
          throw ServeException.unavailable(
              "no replica of " + engine.deployment().name() + " is running: " + why.get(), 5);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServeException.unavailable("interrupted while waiting for a replica", 1);
    }
  }

  private static UpstreamProxy.Outcome once(
      Call call, ReplicaEngine engine, Member m, long deadlineNanos) {
    try (var lease = m.lease()) {
      var outcome = UpstreamProxy.tryForward(call, engine.connections(m), left(deadlineNanos));
      if (outcome instanceof UpstreamProxy.Outcome.Answered a) {
        m.answered(a.status()); // the controller's sign of life for a replica too busy to probe
      }
      return outcome;
    }
  }

  private static void report(ReplicaEngine engine, Member m, UpstreamProxy.Outcome.Failed f) {
    // A request that never left marks the replica unreachable at once; the controller checks it.
    Throwable cause = f.requestSent() ? f.error() : new ConnectException(f.error().getMessage());
    engine.pool().reportFailure(m, cause);
  }

  public static boolean idempotent(Call call, ReplicaEngine engine) {
    return idempotent(engine.deployment().task(), call::json);
  }

  /**
   * Whether a request of {@code task} whose body is {@code json} may be sent again: everything but
   * a streamed chat, which may already have generated tokens nobody will see. The front door asks
   * the same.
   */
  public static boolean idempotent(Task task, java.util.function.Supplier<JsonNode> json) {
    if (task != Task.CHAT) {
      return true;
    }
    try {
      return !json.get().path("stream").asBoolean(false);
    } catch (ServeException e) {
      return false; // not JSON: the replica judges it, and we do not guess
    }
  }

  private static Duration left(long deadlineNanos) {
    long n = deadlineNanos - System.nanoTime();
    if (n <= 0) {
      throw ServeException.unavailable("request deadline passed before a replica answered", 1);
    }
    return Duration.ofNanos(n);
  }
}
