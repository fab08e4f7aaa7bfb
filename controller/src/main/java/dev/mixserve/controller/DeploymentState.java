package dev.mixserve.controller;

import dev.mixserve.api.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Everything the controller runs for one deployment name: the set serving now, a set being started
 * for a changed spec, and sets draining away. Controller thread only.
 */
final class DeploymentState {
  private final String name;
  private final ReplicaPool pool;
  private final BiFunction<Deployment, Integer, Replica> make;
  private final List<ReplicaSet> retired = new ArrayList<>();
  private ReplicaSet active;
  private ReplicaSet next;
  private ReplicaSet swappedOut;
  private Deployment wanted;
  private AutoscalePolicy.Memory memory = AutoscalePolicy.Memory.NONE;
  private int seq;

  /** {@code make} builds replica number n of a spec. */
  DeploymentState(String name, ReplicaPool pool, BiFunction<Deployment, Integer, Replica> make) {
    this.name = name;
    this.pool = pool;
    this.make = make;
  }

  ReplicaPool pool() {
    return pool;
  }

  /** Level-triggered: called every tick with what the config says now. */
  void want(
      Deployment d, Instant now, java.util.function.BiPredicate<Deployment, Deployment> fits) {
    wanted = d;
    if (active == null) {
      active = new ReplicaSet(d);
      active.scaleTo(d.replicas(), now, () -> newReplica(d));
    } else if (active.runs(d)) {
      retire(next, now); // a reload went back to the spec that serves
      next = null;
    } else if (next == null || !next.runs(d)) {
      retire(next, now);
      next = null;
      if (fits.test(active.deployment(), d)) {
        next = new ReplicaSet(d);
      } else {
        // Old and new do not fit on the GPU at once: requests wait in the gateway (bounded by
        // their deadline) while the old drains and stops, then the new starts in its place.
        swappedOut = active;
        retire(active, now);
        active = new ReplicaSet(d);
      }
    }
  }

  void remove(Instant now) {
    wanted = null;
    retire(active, now);
    retire(next, now);
    active = null;
    next = null;
  }

  void reconcile(Instant now) {
    if (wanted == null) {
      return;
    }
    int desired = desired(now);
    if (swappedOut != null) {
      if (!swappedOut.isEmpty()) {
        return; // still draining what it replaces
      }
      swappedOut = null;
    }
    active.scaleTo(desired, now, () -> newReplica(active.deployment()));
    if (next != null) {
      next.scaleTo(desired, now, () -> newReplica(next.deployment()));
      if (next.members().size() >= Math.min(desired, 1)) {
        retire(active, now); // the new spec serves: switch routes, then drain the old
        active = next;
        next = null;
      }
    }
  }

  void advance(Instant now) {
    sets().forEach(s -> s.advance(now));
    retired.removeIf(ReplicaSet::isEmpty);
  }

  void checkHealth(Instant now) {
    sets().forEach(s -> s.checkHealth(now));
  }

  /** Only the serving set routes; a new set waits until it takes over. */
  List<Member> members() {
    return active == null ? List.of() : active.members();
  }

  boolean gone() {
    return wanted == null && retired.isEmpty();
  }

  void closeAll(Instant now, Duration timeout) {
    sets().forEach(s -> s.drainAll(now, timeout));
    remove(now);
  }

  Map<ReplicaState, Integer> counts() {
    var counts = ReplicaSet.counts();
    sets().forEach(s -> s.count(counts));
    return counts;
  }

  List<ReplicaView> views() {
    return sets().flatMap(s -> s.views().stream()).toList();
  }

  String name() {
    return name;
  }

  private int desired(Instant now) {
    var scaling = wanted.autoscaling();
    if (scaling == null) {
      return wanted.replicas();
    }
    var d = AutoscalePolicy.decide(scaling, active.live().size(), pool.ongoing(), now, memory);
    memory = d.memory();
    return d.desired();
  }

  private void retire(ReplicaSet set, Instant now) {
    if (set != null) {
      set.drainAll(now);
      retired.add(set);
    }
  }

  private Replica newReplica(Deployment d) {
    return make.apply(d, ++seq);
  }

  private Stream<ReplicaSet> sets() {
    return Stream.concat(Stream.of(active, next), retired.stream()).filter(s -> s != null);
  }
}
