package dev.mixserve.controller;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The running replicas of one deployment, for the gateway to route to. The controller replaces the
 * snapshot; picking reads it without locks. The object stays the same across reloads, so the
 * gateway may hold it for good.
 */
public final class ReplicaPool {
  /** Running members at one moment; the version grows with every change. */
  public record Snapshot(long version, List<Member> members) {}

  private final String deployment;
  private final Supplier<RandomGenerator> random;
  private final AtomicReference<Snapshot> snapshot =
      new AtomicReference<>(new Snapshot(0, List.of()));
  private final AtomicInteger waiters = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition published = lock.newCondition();
  private volatile IntSupplier queued = () -> 0;

  ReplicaPool(String deployment) {
    this(deployment, ThreadLocalRandom::current);
  }

  ReplicaPool(String deployment, Supplier<RandomGenerator> random) {
    this.deployment = deployment;
    this.random = random;
  }

  public String deployment() {
    return deployment;
  }

  public Snapshot snapshot() {
    return snapshot.get();
  }

  /** The member to call: the less busy of two chosen at random, full ones avoided if possible. */
  public Optional<Member> pick() {
    return pick(Set.of());
  }

  /** As {@link #pick()}, never one of these ids (for the retry after a failed call). */
  public Optional<Member> pick(Set<String> excludeIds) {
    List<Member> all = snapshot.get().members();
    List<Member> c = excludeIds.isEmpty() ? all : without(all, excludeIds);
    return c.isEmpty() ? Optional.empty() : Optional.of(PowerOfTwo.choose(c, random.get()));
  }

  /**
   * Waits at most {@code maxWait} for a member when there is none, as when a deployment scaled to
   * zero starts its first replica; the controller counts the waiters as load.
   */
  public Optional<Member> awaitMember(Duration maxWait) throws InterruptedException {
    Optional<Member> m = pick();
    if (m.isPresent()) {
      return m;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    waiters.incrementAndGet();
    lock.lock();
    try {
      while ((m = pick()).isEmpty() && deadline - System.nanoTime() > 0) {
        published.awaitNanos(deadline - System.nanoTime());
      }
      return m;
    } finally {
      lock.unlock();
      waiters.decrementAndGet();
    }
  }

  /**
   * A call to this member failed before it answered: the controller checks the replica at once, and
   * a refused connection takes it out of the pool until a check passes.
   */
  public void reportFailure(Member member, Throwable cause) {
    boolean refused = refused(cause);
    member.markFailed(refused);
    if (refused) {
      snapshot.updateAndGet(s -> s.members().contains(member) ? dropped(s, member) : s);
    }
  }

  /** Lets the autoscaler see requests the gateway queued before picking a member. */
  public void bindQueue(IntSupplier queuedRequests) {
    this.queued = queuedRequests;
  }

  public int waiters() {
    return waiters.get();
  }

  /** Requests running on members, queued in the gateway and waiting for a member. */
  public int ongoing() {
    int n = waiters.get() + queued.getAsInt();
    for (Member m : snapshot.get().members()) {
      n += m.inFlight();
    }
    return n;
  }

  /** Replaces the members; returns whether anything changed. Controller thread only. */
  boolean publish(List<Member> members) {
    var current = snapshot.get();
    var live = members.stream().filter(m -> !m.unreachable()).toList();
    if (live.equals(current.members())) {
      return false;
    }
    snapshot.set(new Snapshot(current.version() + 1, live));
    if (!live.isEmpty()) {
      lock.lock();
      try {
        published.signalAll();
      } finally {
        lock.unlock();
      }
    }
    return true;
  }

  private static Snapshot dropped(Snapshot s, Member gone) {
    return new Snapshot(s.version() + 1, without(s.members(), Set.of(gone.id())));
  }

  private static List<Member> without(List<Member> all, Set<String> ids) {
    var out = new ArrayList<Member>(all.size());
    for (Member m : all) {
      if (!ids.contains(m.id())) {
        out.add(m);
      }
    }
    return List.copyOf(out);
  }

  static boolean refused(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
