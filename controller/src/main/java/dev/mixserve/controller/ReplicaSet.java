package dev.mixserve.controller;

import dev.mixserve.api.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** The replicas of one version of a deployment's spec; a reload with a new spec gets a new set. */
final class ReplicaSet {
  /** Scale-down victims: those not serving yet first, then the newest. */
  private static final Comparator<Replica> VICTIMS =
      Comparator.comparing((Replica r) -> r.state() == ReplicaState.RUNNING)
          .thenComparing(Comparator.comparingInt(Replica::seq).reversed());

  private final Deployment deployment;
  private final List<Replica> replicas = new ArrayList<>();

  ReplicaSet(Deployment deployment) {
    this.deployment = deployment;
  }

  Deployment deployment() {
    return deployment;
  }

  /** Whether this set's replicas already run {@code d}; only a count change needs no new set. */
  boolean runs(Deployment d) {
    return withoutCount(deployment).equals(withoutCount(d));
  }

  private static Deployment withoutCount(Deployment d) {
    return d.withReplicas(0, null);
  }

  void scaleTo(int n, Instant now, Supplier<Replica> make) {
    List<Replica> live = live();
    for (int i = live.size(); i < n; i++) {
      replicas.add(make.get());
    }
    live.stream()
        .sorted(VICTIMS)
        .limit(Math.max(0, live.size() - n))
        .forEach(r -> r.drain(now, drainTimeout()));
  }

  void drainAll(Instant now, Duration timeout) {
    replicas.forEach(r -> r.drain(now, timeout));
  }

  void drainAll(Instant now) {
    drainAll(now, drainTimeout());
  }

  /**
   * Advances every replica and forgets the stopped ones. A replica whose checks only timed out is
   * failed only while another of the set serves, so the set's last replicas never fail at once for
   * being slow; those kept fail once another serves again.
   */
  void advance(Instant now) {
    replicas.forEach(r -> r.collectCheck(now));
    replicas.forEach(r -> r.advance(now, () -> othersServe(r)));
    replicas.removeIf(r -> r.state() == ReplicaState.STOPPED);
  }

  private boolean othersServe(Replica r) {
    return replicas.stream().anyMatch(o -> o != r && o.serving());
  }

  void checkHealth(Instant now) {
    replicas.forEach(r -> r.checkHealth(now));
  }

  /** Replicas that are wanted, whether they serve yet or not. */
  List<Replica> live() {
    return replicas.stream()
        .filter(r -> r.state() != ReplicaState.DRAINING && r.state() != ReplicaState.STOPPED)
        .toList();
  }

  List<Member> members() {
    return replicas.stream().map(Replica::member).filter(Objects::nonNull).toList();
  }

  boolean isEmpty() {
    return replicas.isEmpty();
  }

  void count(Map<ReplicaState, Integer> into) {
    replicas.forEach(r -> into.merge(r.state(), 1, Integer::sum));
  }

  List<ReplicaView> views() {
    return replicas.stream().map(Replica::view).toList();
  }

  /** Past a request's deadline nothing it waits for is still wanted. */
  private Duration drainTimeout() {
    return deployment.limits().timeout();
  }

  static Map<ReplicaState, Integer> counts() {
    return new EnumMap<>(ReplicaState.class);
  }
}
