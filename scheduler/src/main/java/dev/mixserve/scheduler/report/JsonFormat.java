package dev.mixserve.scheduler.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixserve.api.Accelerator;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Node;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.Refusal;
import dev.mixserve.scheduler.Target;
import dev.mixserve.scheduler.Usage;
import dev.mixserve.scheduler.device.DeviceEnv;
import dev.mixserve.scheduler.device.DeviceOptions;
import java.util.List;
import java.util.Map;

/** The plan for tools: assignments with their launch environment, refusals, free capacity. */
final class JsonFormat {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFormat() {}

  static String render(MixserveConfig config, Plan plan) {
    ObjectNode root = JSON.createObjectNode();
    var assignments = root.putArray("assignments");
    plan.assignments().forEach(a -> assignments.add(assignment(config, a)));
    var refusals = root.putArray("refusals");
    plan.refusals().forEach(r -> refusals.add(refusal(r)));
    var devices = root.putArray("accelerators");
    plan.usage().forEach(u -> devices.add(usage(u)));
    return root.toPrettyString() + "\n";
  }

  private static ObjectNode assignment(MixserveConfig c, Assignment a) {
    var d = Labels.deployment(c, a.deployment());
    ObjectNode o = JSON.createObjectNode();
    o.put("deployment", a.deployment()).put("route", d.route()).put("replica", a.replica());
    o.put("node", a.node());
    if (a.target() instanceof Target.Gpu g) {
      device(o.putObject("accelerator"), g.accelerator());
    }
    o.put("milli_gpu", a.milliGpu()).put("memory_bytes", a.memoryBytes());
    Node node =
        c.nodes().stream()
            .filter(n -> n.name().equals(a.node()))
            .findFirst()
            .orElse(new Node(a.node(), "", Map.of(), List.of()));
    var hints = DeviceEnv.of(node, a, d, DeviceOptions.DEFAULT);
    var env = o.putObject("env");
    hints.env().forEach(env::put);
    var args = o.putArray("args");
    hints.args().forEach(args::add);
    return o;
  }

  private static ObjectNode refusal(Refusal r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("deployment", r.deployment()).put("replica", r.replica()).put("needs", r.needs());
    var reasons = o.putArray("reasons");
    r.reasons().forEach(reasons::add);
    return o;
  }

  private static ObjectNode usage(Usage u) {
    ObjectNode o = JSON.createObjectNode().put("node", u.node());
    device(o, u.accelerator());
    return o.put("free_milli_gpu", u.freeMilliGpu()).put("free_memory_bytes", u.freeMemoryBytes());
  }

  private static void device(ObjectNode o, Accelerator a) {
    o.put("vendor", a.vendor().id()).put("model", a.model()).put("arch", a.arch());
    o.put("index", a.index()).put("memory_bytes", a.memoryBytes()).put("unified", a.unified());
  }
}
