package dev.mixserve.core.batch;

import dev.mixserve.api.Batching;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.metrics.DeploymentMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Dynamic batching: items from many requests are merged into one engine call. A worker takes the
 * oldest part and adds queued parts until the batch is full. If it holds fewer items than recent
 * batches did, it waits for the rest, up to {@code maxWait} or an eighth of the previous engine
 * call, whichever is longer: under steady load the clients answered by the last batch are about to
 * send again, and a batch started without them would leave the engine half empty for a whole call.
 * A lone client never waits, and 32 clients keep getting batches of 32 at a latency cost of at most
 * an eighth of a call.
 *
 * <p>Workers are platform threads: engine calls are CPU-bound native code.
 */
public final class Batcher<I, O> implements AutoCloseable {
  private final Batching config;
  private final Function<List<I>, List<O>> engine;
  private final DeploymentMetrics metrics;
  private final LinkedBlockingDeque<Part<I, O>> queue = new LinkedBlockingDeque<>();
  private final AtomicInteger queuedItems = new AtomicInteger();
  private final int maxQueuedItems;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean closed;
  private volatile int recentMax = 1;
  private volatile long lastCallNanos;

  public Batcher(
      String name,
      Batching config,
      int maxQueuedItems,
      Function<List<I>, List<O>> engine,
      DeploymentMetrics metrics) {
    this.config = config;
    this.engine = engine;
    this.metrics = metrics;
    this.maxQueuedItems = maxQueuedItems;
    for (int i = 0; i < config.workers(); i++) {
      Thread t = Thread.ofPlatform().name("batch-" + name + "-" + i).daemon().start(this::work);
      workers.add(t);
    }
  }

  /** Queues the items; the future completes with one output per item, in order. */
  public CompletableFuture<List<O>> submit(List<I> items) {
    var job = new Job<I, O>(items.size());
    if (items.isEmpty()) {
      job.future.complete(List.of());
      return job.future;
    }
    if (closed) {
      throw ServeException.unavailable("engine is shutting down", 1);
    }
    if (queuedItems.addAndGet(items.size()) > maxQueuedItems) {
      queuedItems.addAndGet(-items.size());
      metrics.rejected("batch_queue_full");
      throw ServeException.overloaded(
          "batch queue holds " + maxQueuedItems + " items already; retry later", 429, 1);
    }
    for (int from = 0; from < items.size(); from += config.maxBatchSize()) {
      int to = Math.min(items.size(), from + config.maxBatchSize());
      queue.offerLast(new Part<>(job, from, items.subList(from, to), System.nanoTime()));
    }
    return job.future;
  }

  public int queuedItems() {
    return queuedItems.get();
  }

  private void work() {
    while (!closed) {
      List<Part<I, O>> batch;
      try {
        batch = collect();
      } catch (InterruptedException e) {
        return;
      }
      run(batch);
    }
  }

  private List<Part<I, O>> collect() throws InterruptedException {
    var batch = new ArrayList<Part<I, O>>();
    Part<I, O> first = queue.takeFirst();
    batch.add(first);
    int size = first.items.size();
    long deadline = System.nanoTime() + Math.max(config.maxWait().toNanos(), lastCallNanos / 8);
    int expected = Math.min(config.maxBatchSize(), recentMax);
    while (size < config.maxBatchSize()) {
      Part<I, O> next = queue.pollFirst();
      long left = deadline - System.nanoTime();
      if (next == null && size < expected && left > 0) {
        next = queue.pollFirst(left, TimeUnit.NANOSECONDS);
      }
      if (next == null) {
        break;
      }
      if (size + next.items.size() > config.maxBatchSize()) {
        queue.offerFirst(next);
        break;
      }
      batch.add(next);
      size += next.items.size();
    }
    return batch;
  }

  private void run(List<Part<I, O>> batch) {
    long now = System.nanoTime();
    var live = new ArrayList<Part<I, O>>(batch.size());
    var inputs = new ArrayList<I>();
    for (Part<I, O> p : batch) {
      queuedItems.addAndGet(-p.items.size());
      if (p.job.future.isDone()) {
        continue; // cancelled or failed while queued: skip the work
      }
      metrics.queue().observeNanos(now - p.enqueued);
      live.add(p);
      inputs.addAll(p.items);
    }
    if (inputs.isEmpty()) {
      return;
    }
    // One short batch must not lower the expectation for good; it decays by one item per batch.
    recentMax = Math.max(inputs.size(), recentMax - 1);
    metrics.batchSize().observe(inputs.size());
    metrics.items().add(inputs.size());
    List<O> out;
    try {
      long started = System.nanoTime();
      out = engine.apply(inputs);
      lastCallNanos = System.nanoTime() - started;
      if (out.size() != inputs.size()) {
        throw new IllegalStateException(
            "engine returned " + out.size() + " results for " + inputs.size() + " inputs");
      }
    } catch (RuntimeException e) {
      live.forEach(p -> p.job.future.completeExceptionally(e));
      return;
    }
    int offset = 0;
    for (Part<I, O> p : live) {
      p.job.deliver(p.from, out.subList(offset, offset + p.items.size()));
      offset += p.items.size();
    }
  }

  /**
   * Fails what is queued and waits, at most {@link #STOP_WAIT}, for the batch being run: the engine
   * is closed next, and closing a native session under a running call crashes the process.
   */
  @Override
  public void close() {
    closed = true;
    workers.forEach(Thread::interrupt);
    Part<I, O> p;
    while ((p = queue.pollFirst()) != null) {
      p.job.future.completeExceptionally(ServeException.unavailable("engine shut down", 1));
    }
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    for (Thread t : workers) {
      if (t == Thread.currentThread()) {
        continue;
      }
      try {
        t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The longest engine call a close waits for. */
  static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private record Part<I, O>(Job<I, O> job, int from, List<I> items, long enqueued) {}

  /** One submit call; complete when all its parts are delivered. */
  private static final class Job<I, O> {
    final CompletableFuture<List<O>> future = new CompletableFuture<>();
    private final Object[] results;
    private int missing;

    Job(int size) {
      results = new Object[size];
      missing = size;
    }

    @SuppressWarnings("unchecked")
    void deliver(int from, List<O> outs) {
      boolean done;
      synchronized (this) {
        for (int i = 0; i < outs.size(); i++) {
          results[from + i] = outs.get(i);
        }
        missing -= outs.size();
        done = missing == 0;
      }
      if (done) {
        future.complete((List<O>) List.of(results));
      }
    }
  }
}
