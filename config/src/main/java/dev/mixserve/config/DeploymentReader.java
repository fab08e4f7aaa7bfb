package dev.mixserve.config;

import dev.mixserve.api.Autoscaling;
import dev.mixserve.api.Batching;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.HealthCheck;
import dev.mixserve.api.Limits;
import dev.mixserve.api.Placement;
import dev.mixserve.api.ProcessSpec;
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
            "model_names",
            "process",
            "health");
    String name = f.req("name").text();
    if (!NAME.matcher(name).matches()) {
      throw f.req("name")
          .error("expected a DNS label (lowercase letters, digits, '-'), got '" + name + "'");
    }
    Scaling scaling =
        f.opt("replicas").filter(Doc::isMapping).map(DeploymentReader::scaling).orElse(null);
    Autoscaling autoscaling = scaling == null ? null : scaling.policy();
    int replicas =
        scaling != null ? scaling.initial() : f.opt("replicas").map(Doc::asInt).orElse(1);
    if (replicas < 0) {
      throw f.req("replicas").error("expected replicas >= 0, got " + replicas);
    }
    ProcessSpec process = f.opt("process").map(DeploymentReader::process).orElse(null);
    if (autoscaling != null && process == null) {
      throw f.req("replicas")
          .error(
              "autoscaling needs replicas that run as processes: add 'process: {}' to this"
                  + " deployment, or give a fixed replica count");
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
        f.opt("model_names").map(Doc::asStrings).orElse(List.of()),
        process,
        autoscaling,
        f.opt("health").map(DeploymentReader::health).orElse(HealthCheck.DEFAULT));
  }

  /** replicas: {min, max, initial, ...}: the policy and the count to start with. */
  private record Scaling(Autoscaling policy, int initial) {}

  private static Scaling scaling(Doc d) {
    var f =
        d.fields(
            "min", "max", "initial", "target_ongoing_requests", "upscale_delay", "downscale_delay");
    int min = f.opt("min").map(Doc::asInt).orElse(1);
    if (min < 0) {
      throw f.req("min").error("expected 0 or more, got " + min);
    }
    int max = f.req("max").asInt();
    if (max < Math.max(1, min)) {
      throw f.req("max")
          .error("expected at least max(1, min) = " + Math.max(1, min) + ", got " + max);
    }
    double target =
        f.opt("target_ongoing_requests")
            .map(t -> t.as(v -> Double.parseDouble(v.trim())))
            .orElse(2.0);
    if (!(target > 0)) {
      throw f.req("target_ongoing_requests").error("expected a number above 0, got " + target);
    }
    int initial = f.opt("initial").map(Doc::asInt).orElse(min);
    if (initial < min || initial > max) {
      throw f.req("initial")
          .error("expected a count from min " + min + " to max " + max + ", got " + initial);
    }
    var policy =
        new Autoscaling(
            min,
            max,
            target,
            f.opt("upscale_delay")
                .map(t -> t.as(Quantities::duration))
                .orElse(Duration.ofSeconds(3)),
            f.opt("downscale_delay")
                .map(t -> t.as(Quantities::duration))
                .orElse(Duration.ofSeconds(60)));
    return new Scaling(policy, initial);
  }

  private static ProcessSpec process(Doc d) {
    var f = d.fields("command", "args", "env", "ready_path", "startup_timeout", "stop_timeout");
    var def = ProcessSpec.DEFAULT;
    String ready = f.opt("ready_path").map(Doc::text).orElse("");
    if (!ready.isEmpty() && !ready.startsWith("/")) {
      throw f.req("ready_path").error("expected a path starting with /, got '" + ready + "'");
    }
    Duration startup =
        f.opt("startup_timeout").map(t -> t.as(Quantities::duration)).orElse(def.startupTimeout());
    if (startup.isZero()) {
      throw f.req("startup_timeout").error("expected a positive duration");
    }
    return new ProcessSpec(
        f.opt("command").map(Doc::asStrings).orElse(List.of()),
        f.opt("args").map(Doc::asStrings).orElse(List.of()),
        f.opt("env").map(Doc::asStringMap).orElse(Map.of()),
        ready,
        startup,
        f.opt("stop_timeout").map(t -> t.as(Quantities::duration)).orElse(def.stopTimeout()));
  }

  private static HealthCheck health(Doc d) {
    var f = d.fields("interval", "timeout", "failures");
    var def = HealthCheck.DEFAULT;
    Duration interval =
        f.opt("interval").map(t -> t.as(Quantities::duration)).orElse(def.interval());
    if (interval.isZero()) {
      throw f.req("interval").error("expected a positive duration");
    }
    Duration timeout = f.opt("timeout").map(t -> t.as(Quantities::duration)).orElse(def.timeout());
    if (timeout.isZero()) {
      throw f.req("timeout").error("expected a positive duration");
    }
    int failures = f.opt("failures").map(Doc::asInt).orElse(def.failureThreshold());
    if (failures < 1) {
      throw f.req("failures").error("expected at least 1, got " + failures);
    }
    return new HealthCheck(interval, timeout, failures);
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

  static EngineSpec engine(Doc d) {
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
            "overload_status",
            "queue_timeout");
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
    Duration queueTimeout =
        f.opt("queue_timeout").map(t -> t.as(Quantities::duration)).orElse(def.queueTimeout());
    if (queueTimeout.isZero()) {
      throw f.req("queue_timeout")
          .error(
              "expected a positive duration (to refuse instead of queueing, set max_queued_requests: 0)");
    }
    return new Limits(ongoing, queued, timeout, body, status, queueTimeout);
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
