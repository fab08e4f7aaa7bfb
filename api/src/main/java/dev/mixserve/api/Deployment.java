package dev.mixserve.api;

import java.util.List;
import java.util.Objects;

/**
 * One served model: where it is routed, which engine runs it, what it may use.
 *
 * @param name unique name; also the model name clients send and the alias stem
 * @param route path prefix, e.g. "/embeddings"
 * @param task what it does
 * @param engine engine kind, model and options
 * @param resources per replica
 * @param placement where replicas may go
 * @param replicas how many copies run
 * @param limits admission control
 * @param batching dynamic batching for batchable tasks
 * @param aliases extra Host names that reach this deployment
 * @param modelNames extra model names that root-level requests may use to reach it
 * @param process how replicas run as child processes, or null to run the engine in this JVM
 * @param autoscaling load-driven replica count, or null for a fixed {@code replicas}
 * @param health how replicas are checked
 */
public record Deployment(
    String name,
    String route,
    Task task,
    EngineSpec engine,
    Resources resources,
    Placement placement,
    int replicas,
    Limits limits,
    Batching batching,
    List<String> aliases,
    List<String> modelNames,
    ProcessSpec process,
    Autoscaling autoscaling,
    HealthCheck health) {
  /** A deployment served in this JVM with a fixed replica count. */
  public Deployment(
      String name,
      String route,
      Task task,
      EngineSpec engine,
      Resources resources,
      Placement placement,
      int replicas,
      Limits limits,
      Batching batching,
      List<String> aliases,
      List<String> modelNames) {
    this(
        name,
        route,
        task,
        engine,
        resources,
        placement,
        replicas,
        limits,
        batching,
        aliases,
        modelNames,
        null,
        null,
        null);
  }

  public Deployment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(engine, "engine");
    resources = resources == null ? Resources.NONE : resources;
    placement = placement == null ? Placement.ANY : placement;
    limits = limits == null ? Limits.DEFAULT : limits;
    batching = batching == null ? Batching.DEFAULT : batching;
    aliases = List.copyOf(aliases == null ? List.of() : aliases);
    modelNames = List.copyOf(modelNames == null ? List.of() : modelNames);
    health = health == null ? HealthCheck.DEFAULT : health;
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must be >= 0");
    }
    if (autoscaling != null && (replicas < autoscaling.min() || replicas > autoscaling.max())) {
      throw new IllegalArgumentException("initial replicas must lie within min and max replicas");
    }
  }

  /** The same deployment with another replica count and autoscaling (null: fixed). */
  public Deployment withReplicas(int count, Autoscaling scaling) {
    return new Deployment(
        name,
        route,
        task,
        engine,
        resources,
        placement,
        count,
        limits,
        batching,
        aliases,
        modelNames,
        process,
        scaling,
        health);
  }

  /** The same deployment with replicas run another way (null: in this JVM). */
  public Deployment withProcess(ProcessSpec spec) {
    return new Deployment(
        name,
        route,
        task,
        engine,
        resources,
        placement,
        replicas,
        limits,
        batching,
        aliases,
        modelNames,
        spec,
        autoscaling,
        health);
  }

  /** The same deployment with other resources per replica. */
  public Deployment withResources(Resources perReplica) {
    return new Deployment(
        name,
        route,
        task,
        engine,
        perReplica,
        placement,
        replicas,
        limits,
        batching,
        aliases,
        modelNames,
        process,
        autoscaling,
        health);
  }

  /** The same deployment on another engine or model. */
  public Deployment withEngine(EngineSpec other) {
    return new Deployment(
        name,
        route,
        task,
        other,
        resources,
        placement,
        replicas,
        limits,
        batching,
        aliases,
        modelNames,
        process,
        autoscaling,
        health);
  }

  /**
   * Whether the config gives a {@code process:} block (see {@link ProcessSpec}). Replicas of an
   * engine kind that names a server of its own (vllm, tei, ...) run as processes without one.
   */
  public boolean supervised() {
    return process != null;
  }
}
