package dev.mixserve.gateway.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies held in memory across all requests. A body is read into memory whole
 * before its request is admitted, so that a slow upload never holds a slot; this bound is what
 * keeps many large uploads at once from filling the heap (each is answered 503 and asked to come
 * back).
 */
public final class BodyBudget {
  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  public BodyBudget(long capacity) {
    this.capacity = capacity;
  }

  /** Takes {@code n} bytes if they fit. */
  boolean take(long n) {
    while (true) {
      long u = used.get();
      if (u + n > capacity) {
        return false;
      }
      if (used.compareAndSet(u, u + n)) {
        return true;
      }
    }
  }

  void give(long n) {
    used.addAndGet(-n);
  }

  long capacity() {
    return capacity;
  }

  long used() {
    return used.get();
  }
}
