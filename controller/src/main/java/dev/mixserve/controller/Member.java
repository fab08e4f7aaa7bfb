package dev.mixserve.controller;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One running replica as the gateway sees it. The in-flight count is the gateway's to keep (one
 * {@link Lease} per call), as is the count of answers, which the controller reads as a sign of life
 * (a health check that queued behind answered calls is no sign of death); the rest is fixed while
 * the replica runs. A restarted replica gets a new member, so a lease on the old one can never skew
 * the new one's count.
 */
public final class Member {
  private final String id;
  private final URI endpoint;
  private final int maxOngoing;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong answers = new AtomicLong();
  private final AtomicBoolean checkWanted = new AtomicBoolean();
  private volatile boolean unreachable;

  Member(String id, URI endpoint, int maxOngoing) {
    this.id = id;
    this.endpoint = endpoint;
    this.maxOngoing = maxOngoing;
  }

  public String id() {
    return id;
  }

  /** Base URL, e.g. http://127.0.0.1:41234. */
  public URI endpoint() {
    return endpoint;
  }

  /** Calls one replica works on at once (the deployment's max_ongoing_requests). */
  public int maxOngoing() {
    return maxOngoing;
  }

  public int inFlight() {
    return inFlight.get();
  }

  boolean full() {
    return inFlight.get() >= maxOngoing;
  }

  /** Counts one call until the lease is closed; use with try-with-resources. */
  public Lease lease() {
    inFlight.incrementAndGet();
    return new Lease(this);
  }

  /**
   * The replica answered a call, all of it, with this status as it sent it. A 5xx is the replica
   * failing, not working, and a number HTTP does not know is no answer, so neither counts.
   */
  public void answered(int status) {
    if (status >= 100 && status < 500) {
      answers.incrementAndGet();
    }
  }

  /** Calls it answered without a 5xx since it started running. */
  long answers() {
    return answers.get();
  }

  void markFailed(boolean refused) {
    checkWanted.set(true);
    if (refused) {
      unreachable = true;
    }
  }

  /** Whether the gateway saw a failure since the last call; clears the request. */
  boolean takeCheckRequest() {
    return checkWanted.getAndSet(false);
  }

  boolean unreachable() {
    return unreachable;
  }

  void reachable() {
    unreachable = false;
  }

  @Override
  public String toString() {
    return id + "@" + endpoint;
  }

  /** One call on a member; closing it twice counts once. */
  public static final class Lease implements AutoCloseable {
    private final Member member;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Lease(Member member) {
      this.member = member;
    }

    public Member member() {
      return member;
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        member.inFlight.decrementAndGet();
      }
    }
  }
}
