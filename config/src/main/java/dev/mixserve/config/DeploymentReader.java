package dev.mixserve.config;

import dev.mixserve.api.Batching;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Limits;
import dev.mixserve.api.Placement;
import dev.mixserve.api.Resources;
import dev.mixserve.api.Task;
import dev.mixserve.api.Vendor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps one entry of deployments[] to a {@link Deployment}. */
final class DeploymentReader {
  /** First path segments the gateway answers itself; a route may not shadow them. */
  static final Set<String> RESERVED =
      Set.of("v1", "v2", "openai", "-", "metrics", "rerank", "voice");

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern ROUTE = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  private DeploymentReader() {}

  static Deployment deployment(Doc d) {
    var f =
        d.fields(
            "name",
            "route",
            "task",
            "engine",
            "resources",
            "placement",
            "replicas",
            "limits",
            "batching",
            "aliases",
            "model_names");
    String name = f.req("name").text();
    if (!NAME.matcher(name).matches()) {
      throw f.req("name")
          .error("expected a DNS label (lowercase letters, digits, '-'), got '" + name + "'");
    }
    int replicas = f.opt("replicas").map(Doc::asInt).orElse(1);
    if (replicas < 0) {
      throw f.req("replicas").error("expected replicas >= 0, got " + replicas);
    }
    return new Deployment(
        name,
        f.opt("route").map(DeploymentReader::route).orElse("/" + name),
        f.req("task").as(Task::parse),
        engine(f.req("engine")),
        f.opt("resources").map(DeploymentReader::resources).orElse(Resources.NONE),
        f.opt("placement").map(DeploymentReader::placement).orElse(Placement.ANY),
        replicas,
        f.opt("limits").map(DeploymentReader::limits).orElse(Limits.DEFAULT),
        f.opt("batching").map(DeploymentReader::batching).orElse(Batching.DEFAULT),
        f.opt("aliases").map(Doc::asStrings).orElse(List.of()),
        f.opt("model_names").map(Doc::asStrings).orElse(List.of()));
  }

  static void checkUnique(Optional<Doc> list, List<Deployment> deployments) {
    if (list.isEmpty()) {
      return;
    }
    var items = list.get().items();
    var names = new HashMap<String, Integer>();
    var routes = new HashMap<String, Integer>();
    for (int i = 0; i < deployments.size(); i++) {
      var dep = deployments.get(i);
      if (names.putIfAbsent(dep.name(), i) != null) {
        throw items.get(i).error("duplicate deployment name '" + dep.name() + "'");
      }
      if (routes.putIfAbsent(dep.route(), i) != null) {
        throw items
            .get(i)
            .error(
                "route '"
                    + dep.route()
                    + "' is already used by deployments["
                    + routes.get(dep.route())
                    + "]");
      }
    }
  }

  private static String route(Doc d) {
    String r = d.text();
    if (!ROUTE.matcher(r).matches()) {
      throw d.error("expected a path such as /embeddings (no trailing slash), got '" + r + "'");
    }
    String first = r.substring(1).split("/")[0];
    if (RESERVED.contains(first)) {
      throw d.error("routes may not start with /" + first + ": mixserve answers it at the root");
    }
    return r;
  }

  private static EngineSpec engine(Doc d) {
    var f = d.fields("kind", "model", "options");
    Map<String, Object> options = Map.of();
    if (f.opt("options").isPresent()) {
      Object plain = f.req("options").plain();
      if (!(plain instanceof Map<?, ?> m)) {
        throw f.req("options").error("expected a mapping of engine options");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) m;
      options = typed;
    }
    return new EngineSpec(f.req("kind").text(), f.opt("model").map(Doc::text).orElse(""), options);
  }

  private static Resources resources(Doc d) {
    var f = d.fields("gpu", "memory", "cpu");
    return new Resources(
        f.opt("gpu").map(g -> g.as(Quantities::milliGpu)).orElse(0),
        f.opt("memory").map(m -> m.as(Quantities::bytes)).orElse(0L),
        f.opt("cpu").map(c -> c.as(Quantities::milliCpu)).orElse(0));
  }

  private static Placement placement(Doc d) {
    var f = d.fields("node", "vendor", "arch", "labels", "min_memory");
    return new Placement(
        f.opt("node").map(Doc::text),
        f.opt("vendor").map(v -> v.as(Vendor::parse)),
        f.opt("arch").map(Doc::text),
        f.opt("labels").map(Doc::asStringMap).orElse(Map.of()),
        f.opt("min_memory").map(m -> m.as(Quantities::bytes)).orElse(0L));
  }

  private static Limits limits(Doc d) {
    var f =
        d.fields(
            "max_ongoing_requests",
            "max_queued_requests",
            "timeout",
            "max_body",
            "overload_status");
    var def = Limits.DEFAULT;
    int ongoing = f.opt("max_ongoing_requests").map(Doc::asInt).orElse(def.maxOngoingRequests());
    if (ongoing < 1) {
      throw f.req("max_ongoing_requests").error("expected at least 1, got " + ongoing);
    }
    int queued = f.opt("max_queued_requests").map(Doc::asInt).orElse(def.maxQueuedRequests());
    if (queued < 0) {
      throw f.req("max_queued_requests").error("expected 0 or more, got " + queued);
    }
    Duration timeout = f.opt("timeout").map(t -> t.as(Quantities::duration)).orElse(def.timeout());
    if (timeout.isZero()) {
      throw f.req("timeout").error("expected a positive duration");
    }
    long body = f.opt("max_body").map(b -> b.as(Quantities::bytes)).orElse(def.maxBodyBytes());
    if (body < 1) {
      throw f.req("max_body").error("expected at least 1 byte");
    }
    int status = f.opt("overload_status").map(Doc::asInt).orElse(def.overloadStatus());
    if (status != 429 && status != 503) {
      throw f.req("overload_status").error("expected 429 or 503, got " + status);
    }
    return new Limits(ongoing, queued, timeout, body, status);
  }

  private static Batching batching(Doc d) {
    var f = d.fields("max_batch_size", "max_wait", "workers");
    var def = Batching.DEFAULT;
    int size = f.opt("max_batch_size").map(Doc::asInt).orElse(def.maxBatchSize());
    if (size < 1) {
      throw f.req("max_batch_size").error("expected at least 1, got " + size);
    }
    int workers = f.opt("workers").map(Doc::asInt).orElse(def.workers());
    if (workers < 1) {
      throw f.req("workers").error("expected at least 1, got " + workers);
    }
    return new Batching(
        size,
        f.opt("max_wait").map(w -> w.as(Quantities::duration)).orElse(def.maxWait()),
        workers);
  }
}
