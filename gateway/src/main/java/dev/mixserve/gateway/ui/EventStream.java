package dev.mixserve.gateway.ui;

import dev.mixserve.controller.ReplicaView;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.gateway.http.SseWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * GET /-/events: server-sent events for the dashboard. First "hello" (the minutes of rates already
 * kept, so that charts start full), then "cluster" whenever the route table changes, and "status"
 * every interval (1 s; {@code ?interval_ms=} from 200 to 10000), with the GPU memory measured at
 * most every 2 s. Ends when the client goes.
 */
final class EventStream {
  private final Supplier<RouteTable> routes;
  private final Supplier<List<ReplicaView>> replicas;
  private final Metrics metrics;
  private final StatsWindow window = new StatsWindow();
  private final MeasuredMemory measured;

  EventStream(
      Supplier<RouteTable> routes,
      Supplier<List<ReplicaView>> replicas,
      Metrics metrics,
      MeasuredMemory measured) {
    this.routes = routes;
    this.replicas = replicas;
    this.metrics = metrics;
    this.measured = measured;
  }

  void serve(Call call) {
    Duration every = interval(call);
    var sse = new SseWriter(call.response());
    window.sampleIfDue(metrics);
    sse.event(frame("hello", HistoryJson.write(window.history())));
    long version = Long.MIN_VALUE;
    while (!Thread.currentThread().isInterrupted()) {
      RouteTable table = routes.get();
      if (table.version() != version) {
        version = table.version();
        sse.event(frame("cluster", ClusterJson.write(table)));
      }
      var sample = window.sampleIfDue(metrics);
      var gpus = measured.latest(GpuUseJson.local(table));
      sse.event(frame("status", StatusJson.write(table, replicas.get(), sample, gpus)));
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the client left, or the server stops
        return;
      }
    }
  }

  private static Duration interval(Call call) {
    var q = call.request().query();
    long ms = 1000;
    if (q.contains("interval_ms")) {
      try {
        ms = Long.parseLong(q.get("interval_ms"));
      } catch (NumberFormatException e) {
        throw dev.mixserve.api.error.ServeException.invalid("interval_ms must be a number");
      }
    }
    return Duration.ofMillis(Math.clamp(ms, 200, 10_000));
  }

  /** One whole event; the JSON writer puts no newline inside, so one data line holds it. */
  static byte[] frame(String event, byte[] json) {
    var head = ("event: " + event + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + json.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(json, 0, out, head.length, json.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }
}
