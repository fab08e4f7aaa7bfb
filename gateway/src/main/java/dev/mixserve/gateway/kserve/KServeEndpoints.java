package dev.mixserve.gateway.kserve;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.gateway.upstream.ReplicaRouter;
import dev.mixserve.gateway.upstream.Replicas;
import dev.mixserve.protocol.kserve.InferRequest;
import dev.mixserve.protocol.kserve.KServeJson;
import io.helidon.http.HeaderNames;
import java.util.List;

/**
 * KServe V1 and V2 (Open Inference Protocol) on the same port. Errors use KServe's own body,
 * {"error": "..."}, not OpenAI's.
 */
public final class KServeEndpoints {
  private static final long CREATED = System.currentTimeMillis() / 1000;

  private KServeEndpoints() {}

  /**
   * Serves the call if its path is a KServe path.
   *
   * @param scoped the deployment the call was routed to by prefix or alias, or null at the root
   */
  public static boolean handle(Call call, RouteTable table, DeploymentRuntime scoped) {
    var parsed = KServePath.parse(call.path());
    if (parsed.isEmpty()) {
      return false;
    }
    KServePath kp = parsed.get();
    DeploymentRuntime rt;
    try {
      if (!call.method().equals(kp.method())
          && !(call.method().equals("HEAD") && kp.method().equals("GET"))) {
        call.response().header(HeaderNames.ALLOW, kp.method());
        throw ServeException.methodNotAllowed(
            call.method() + " is not allowed on " + call.path() + "; use " + kp.method());
      }
      rt = null;
      if (kp.model() != null) {
        rt = model(table, scoped, kp.model());
        if (scoped == null) {
          call.bind(rt, call.path());
        }
        if (Replicas.outside(rt.deployment()) && kp.method().equals("POST")) {
          ReplicaRouter.admitAndForward(call, rt); // the replica speaks KServe itself
          return true;
        }
      }
      serve(call, table, kp, rt);
    } catch (ServeException e) {
      if (e.retryAfterSeconds() > 0) {
        call.response().header(HeaderNames.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
      }
      call.sendJson(e.status(), KServeJson.error(e.getMessage()));
    }
    return true;
  }

  private static DeploymentRuntime model(RouteTable table, DeploymentRuntime scoped, String name) {
    if (scoped != null) {
      if (!RouteTable.answersTo(scoped, name)) {
        throw ServeException.notFound(
            "model '" + name + "' is not served by " + scoped.deployment().name());
      }
      return scoped;
    }
    return table.all().stream()
        .filter(r -> RouteTable.answersTo(r, name))
        .findFirst()
        .orElseThrow(() -> ServeException.notFound("model '" + name + "' does not exist"));
  }

  private static void serve(Call call, RouteTable table, KServePath kp, DeploymentRuntime rt) {
    switch (kp.action()) {
      case "server" -> call.sendJson(200, KServeJson.serverMetadata("0.1.0", List.of()));
      case "live" -> call.sendJson(200, KServeJson.flag("live", true));
      case "ready" -> {
        boolean ready = table.all().stream().allMatch(KServeTasks::ready);
        call.sendJson(ready ? 200 : 503, KServeJson.flag("ready", ready));
      }
      case "model-ready" -> {
        boolean ready = KServeTasks.ready(rt);
        call.sendJson(
            ready ? 200 : 503, KServeJson.modelStatus(rt.deployment().name(), ready, CREATED));
      }
      case "metadata" ->
          call.sendJson(
              200,
              KServeJson.modelMetadata(
                  rt.deployment().name(),
                  "mixserve_" + rt.deployment().engine().kind(),
                  KServeTasks.inputs(rt),
                  KServeTasks.outputs(rt)));
      case "infer" ->
          admitted(
              call,
              rt,
              () -> {
                var req = InferRequest.parse(call.json());
                var outputs = KServeTasks.infer(rt, req, deadline(call, rt));
                var chosen = outputs.stream().filter(o -> req.wants(o.name())).toList();
                call.sendJson(
                    200, KServeJson.inferResponse(rt.deployment().name(), req.id(), chosen));
              });
      case "predict" ->
          admitted(
              call,
              rt,
              () -> {
                var preds =
                    KServeTasks.predict(rt, call.json().get("instances"), deadline(call, rt));
                call.sendJson(200, KServeJson.predictions(preds));
              });
      default -> throw new IllegalStateException(kp.action());
    }
  }

  private static java.time.Duration deadline(Call call, DeploymentRuntime rt) {
    return call.deadline(rt.deployment().limits().timeout());
  }

  private static void admitted(Call call, DeploymentRuntime rt, Runnable work) {
    rt.engine(); // 503 when not ready, before taking a slot
    try (var permit = rt.gate().enter(deadline(call, rt))) {
      work.run();
    }
  }
}
