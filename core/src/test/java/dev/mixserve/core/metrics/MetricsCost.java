package dev.mixserve.core.metrics;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * What metrics cost per request, in ns and bytes allocated per operation: the front door's counter
 * (held child, and looked up by label), a latency histogram, and {@link
 * DeploymentMetrics#answered}, which the gateway calls once per request. Not a JUnit test (it only
 * measures): run with {@code java -cp core/target/classes:core/target/test-classes:<deps>
 * dev.mixserve.core.metrics.MetricsCost}. Median of 5 runs of 10M operations each, one thread.
 */
public final class MetricsCost {
  private static final int OPS = 10_000_000;
  private static final int RUNS = 5;

  private MetricsCost() {}

  public static void main(String[] args) {
    var registry = new Metrics();
    var serve = new ServeMetrics(registry);
    var d = serve.forDeployment("embeddings");
    var direct = registry.counter("x_front_direct_total", "Direct.").child();
    var handled = registry.counter("x_front_handler_total", "By reason.", "reason");
    var latency = d.latency();
    measure("counter inc (held child)", i -> direct.inc());
    measure("counter child(label).inc", i -> handled.child("retry").inc());
    measure("histogram observeNanos (held)", i -> latency.observeNanos(i & 0xFFFFFFF));
    measure("DeploymentMetrics.answered", i -> d.answered(200, i & 0xFFFFFFF));
    for (int i = 0; i < 20; i++) {
      serve.forDeployment("d" + i).answered(200, 1_000_000);
    }
    measureScrape(registry);
  }

  private static void measure(String what, LongConsumer op) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().threadId();
    double[] ns = new double[RUNS];
    double[] bytes = new double[RUNS];
    for (int warm = 0; warm < 2; warm++) {
      for (long i = 0; i < OPS; i++) {
        op.accept(i);
      }
    }
    for (int r = 0; r < RUNS; r++) {
      long a0 = threads.getThreadAllocatedBytes(self);
      long t0 = System.nanoTime();
      for (long i = 0; i < OPS; i++) {
        op.accept(i);
      }
      ns[r] = (System.nanoTime() - t0) / (double) OPS;
      bytes[r] = (threads.getThreadAllocatedBytes(self) - a0) / (double) OPS;
    }
    System.out.printf("%-34s %7.2f ns/op %7.2f B/op%n", what, median(ns), median(bytes));
  }

  private static void measureScrape(Metrics registry) {
    int n = 2_000;
    double[] us = new double[RUNS];
    int size = 0;
    for (int i = 0; i < n; i++) {
      size = registry.scrape().length();
    }
    for (int r = 0; r < RUNS; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        size += registry.scrape().length();
      }
      us[r] = (System.nanoTime() - t0) / 1e3 / n;
    }
    System.out.printf(
        "%-34s %7.1f us/scrape (%d chars)%n",
        "scrape, 21 deployments", median(us), registry.scrape().length());
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
