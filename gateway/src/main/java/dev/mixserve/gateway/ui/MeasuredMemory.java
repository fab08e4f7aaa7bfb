package dev.mixserve.gateway.ui;

import dev.mixserve.api.Accelerator;
import dev.mixserve.scheduler.inventory.GpuMemory;
import dev.mixserve.scheduler.inventory.MemoryUse;
import dev.mixserve.scheduler.inventory.SystemProbe;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The memory in use on this machine's GPUs, measured at most every {@link #EVERY_NANOS} while a
 * status stream asks (no thread of its own, as {@link StatsWindow}). Measuring runs beside the
 * streams, never in them: a tool that hangs is killed by its probe's timeout and leaves the figures
 * unknown, and each failure makes the next try wait twice as long (up to {@link
 * #MAX_BACKOFF_NANOS}) rather than start the tool again every tick.
 */
final class MeasuredMemory {
  static final long EVERY_NANOS = 2_000_000_000L;

  /** Figures older than this (nobody watched for a while) are not shown as now. */
  static final long STALE_NANOS = 10_000_000_000L;

  static final long FIRST_BACKOFF_NANOS = 10_000_000_000L;
  static final long MAX_BACKOFF_NANOS = 300_000_000_000L;

  private record Known(List<MemoryUse> uses, long nanos) {}

  private final LongSupplier clock;
  private final Executor runner;
  private volatile SystemProbe probe;
  private Known known; // null: unknown
  private long nextNanos;
  private long backoff;
  private boolean running;

  MeasuredMemory(SystemProbe probe) {
    this(probe, System::nanoTime, r -> Thread.ofVirtual().name("gpu-memory").start(r));
  }

  MeasuredMemory(SystemProbe probe, LongSupplier clock, Executor runner) {
    this.probe = probe;
    this.clock = clock;
    this.runner = runner;
    this.nextNanos = clock.getAsLong();
  }

  /** From now on the GPUs are measured through {@code p}. */
  void probe(SystemProbe p) {
    probe = p;
  }

  /**
   * What is known of {@code gpus} now (empty when nothing is), starting a measurement when one is
   * due. Never waits for it.
   */
  synchronized List<MemoryUse> latest(List<Accelerator> gpus) {
    long now = clock.getAsLong();
    var measurable = gpus.stream().filter(GpuMemory::measurable).toList();
    if (!measurable.isEmpty() && !running && now - nextNanos >= 0) {
      running = true;
      runner.execute(() -> done(measure(measurable)));
    }
    return known == null || now - known.nanos() > STALE_NANOS ? List.of() : known.uses();
  }

  private List<MemoryUse> measure(List<Accelerator> gpus) {
    try {
      return GpuMemory.measure(probe, gpus);
    } catch (RuntimeException e) {
      return List.of(); // output no parser expected: unknown, as a tool that did not answer
    }
  }

  private synchronized void done(List<MemoryUse> uses) {
    long now = clock.getAsLong();
    running = false;
    if (uses.isEmpty()) {
      backoff = backoff == 0 ? FIRST_BACKOFF_NANOS : Math.min(2 * backoff, MAX_BACKOFF_NANOS);
      known = null;
      nextNanos = now + backoff;
    } else {
      backoff = 0;
      known = new Known(List.copyOf(uses), now);
      nextNanos = now + EVERY_NANOS;
    }
  }
}
