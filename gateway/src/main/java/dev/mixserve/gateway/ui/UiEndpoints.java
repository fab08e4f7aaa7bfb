package dev.mixserve.gateway.ui;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.controller.ReplicaView;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.gateway.upstream.Replicas;
import dev.mixserve.scheduler.inventory.LocalSystemProbe;
import dev.mixserve.scheduler.inventory.SystemProbe;
import io.helidon.http.HeaderNames;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The dashboard's routes, beside the admin ones: the pages (/ui/...), the status stream (/-/events)
 * and the running config with its last reload (/-/config).
 */
public final class UiEndpoints {
  private final Supplier<RouteTable> routes;
  private final EventStream events;
  private final StaticFiles files = new StaticFiles();
  private final ReloadLog reloads = new ReloadLog();
  private final MeasuredMemory measured =
      new MeasuredMemory(new LocalSystemProbe(Duration.ofSeconds(1)));

  public UiEndpoints(Supplier<RouteTable> routes, Supplier<Replicas> replicas, Metrics metrics) {
    this.routes = routes;
    Supplier<List<ReplicaView>> views =
        () -> {
          var r = replicas.get();
          return r == null ? List.of() : r.views();
        };
    this.events = new EventStream(routes, views, metrics, measured);
  }

  /** Where this machine's GPU memory is measured from: the real one unless a test says. */
  public void gpuProbe(SystemProbe probe) {
    measured.probe(probe);
  }

  /** Where reloads are told, so that the Config page shows the last one. */
  public ReloadLog reloads() {
    return reloads;
  }

  /** Handles the call if its path is one of the dashboard's; false otherwise. */
  public boolean handle(Call call, String path) {
    Runnable action;
    if (path.equals("/-/events")) {
      action = () -> events.serve(call);
    } else if (path.equals("/-/config")) {
      action = () -> call.sendJson(200, ConfigJson.write(routes.get(), reloads));
    } else if (path.equals("/ui") || path.startsWith("/ui/")) {
      action = () -> files.serve(call, path);
    } else {
      return false;
    }
    if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
      call.response().header(HeaderNames.ALLOW, "GET, HEAD");
      throw ServeException.methodNotAllowed(call.method() + " is not allowed on " + path);
    }
    action.run();
    return true;
  }
}
