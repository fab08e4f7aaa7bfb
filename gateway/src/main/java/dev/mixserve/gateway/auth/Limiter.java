package dev.mixserve.gateway.auth;

import dev.mixserve.api.KeyLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One key's limits as buckets that refill continuously (a minute's worth a minute), so a client
 * that waits the Retry-After it was given gets in, and one that spreads its calls is never refused.
 * Tokens are charged after the answer (only then are they known), so a bucket may go below zero:
 * the next request waits until it is above again.
 */
final class Limiter {
  private static final double MINUTE = 60e9;

  private final LongSupplier clock;
  private volatile KeyLimits limits;
  private double requests; // left in the bucket
  private double tokens;
  private int open;
  private long last;

  Limiter(KeyLimits limits, LongSupplier clock) {
    this.clock = clock;
    this.limits = limits;
    this.requests = limits.requestsPerMinute();
    this.tokens = limits.tokensPerMinute();
    this.last = clock.getAsLong();
  }

  /** New limits from a reload; what was used stays used. */
  synchronized void limits(KeyLimits next) {
    refill();
    requests = Math.min(requests, next.requestsPerMinute());
    tokens = Math.min(tokens, next.tokensPerMinute());
    limits = next;
  }

  /** A slot, or the refusal that says when to come back. */
  synchronized Refusal acquire(String name) {
    var l = limits;
    refill();
    if (l.concurrent() > 0 && open >= l.concurrent()) {
      return tooMany(name, "requests open at once", l.concurrent(), 1);
    }
    if (l.requestsPerMinute() > 0 && requests < 1) {
      long wait = seconds((1 - requests) / l.requestsPerMinute());
      return tooMany(name, "requests a minute", l.requestsPerMinute(), wait);
    }
    if (l.tokensPerMinute() > 0 && tokens <= 0) {
      long wait = seconds((1 - tokens) / l.tokensPerMinute());
      return tooMany(name, "tokens a minute", l.tokensPerMinute(), wait);
    }
    requests -= 1;
    open++;
    return null;
  }

  boolean countsTokens() {
    return limits.tokensPerMinute() > 0;
  }

  synchronized void release() {
    open--;
  }

  /** A request let in and then handed on, to be let in again: as if it never came. */
  synchronized void refund() {
    open--;
    requests = Math.min(limits.requestsPerMinute(), requests + 1);
  }

  synchronized void charge(long used) {
    refill();
    tokens -= used;
  }

  synchronized int open() {
    return open;
  }

  private void refill() {
    long now = clock.getAsLong();
    double minutes = (now - last) / MINUTE;
    last = now;
    var l = limits;
    requests = Math.min(l.requestsPerMinute(), requests + minutes * l.requestsPerMinute());
    tokens = Math.min(l.tokensPerMinute(), tokens + minutes * l.tokensPerMinute());
  }

  /** Whole seconds (at least 1) for this many minutes: what Retry-After carries. */
  private static long seconds(double minutes) {
    return Math.max(1, (long) Math.ceil(minutes * 60));
  }

  private Refusal tooMany(String name, String what, long limit, long retryAfter) {
    var headers = new ArrayList<Refusal.Header>();
    headers.add(new Refusal.Header("Retry-After", Long.toString(retryAfter)));
    headers.addAll(rateHeaders());
    return new Refusal(
        429,
        "key '"
            + name
            + "' is over its limit of "
            + limit
            + " "
            + what
            + "; retry after "
            + retryAfter
            + " s",
        headers);
  }

  /** The x-ratelimit-* trios as they stand now: what every answer to this key carries. */
  synchronized List<Refusal.Header> state() {
    refill();
    return rateHeaders();
  }

  /** OpenAI's x-ratelimit-* trios, for the limits this key has. */
  private List<Refusal.Header> rateHeaders() {
    var l = limits;
    var out = new ArrayList<Refusal.Header>();
    if (l.requestsPerMinute() > 0) {
      trio(out, "requests", l.requestsPerMinute(), requests);
    }
    if (l.tokensPerMinute() > 0) {
      trio(out, "tokens", l.tokensPerMinute(), tokens);
    }
    return out;
  }

  private static void trio(List<Refusal.Header> out, String what, long limit, double left) {
    out.add(new Refusal.Header("x-ratelimit-limit-" + what, Long.toString(limit)));
    out.add(
        new Refusal.Header(
            "x-ratelimit-remaining-" + what, Long.toString(Math.max(0, (long) Math.floor(left)))));
    double full = (limit - left) / limit * MINUTE; // nanoseconds until the bucket is full again
    out.add(new Refusal.Header("x-ratelimit-reset-" + what, duration((long) full)));
  }

  /** As OpenAI writes these: 20ms, 1s, 6m0s. */
  static String duration(long nanos) {
    long ms = (nanos + 999_999) / 1_000_000;
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = (ms + 999) / 1000;
    return s < 60 ? s + "s" : s / 60 + "m" + s % 60 + "s";
  }
}
