package dev.mixserve.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/**
 * One of the config's {@code deployments:}. {@code replicas} is a count or an autoscaling mapping;
 * shares and sizes are numbers or quantities ("0.5", "500m", "8GiB"); engine options are free-form,
 * each engine reads its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentSpec(
    @Required String name,
    String route,
    @Required String task,
    @Required Engine engine,
    Resources resources,
    Placement placement,
    Object replicas,
    Limits limits,
    Batching batching,
    List<String> aliases,
    @JsonProperty("model_names") List<String> modelNames,
    Process process,
    Health health) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Engine(@Required String kind, String model, Map<String, Object> options) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resources(Object gpu, Object memory, Object cpu) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Placement(
      String node,
      String vendor,
      String arch,
      Map<String, String> labels,
      @JsonProperty("min_memory") Object minMemory) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Limits(
      @JsonProperty("max_ongoing_requests") Integer maxOngoingRequests,
      @JsonProperty("max_queued_requests") Integer maxQueuedRequests,
      String timeout,
      @JsonProperty("max_body") Object maxBody,
      @JsonProperty("overload_status") Integer overloadStatus,
      @JsonProperty("queue_timeout") String queueTimeout) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Batching(
      @JsonProperty("max_batch_size") Integer maxBatchSize,
      @JsonProperty("max_wait") String maxWait,
      Integer workers) {}

  /** A replica run as a child process (or a server of its own). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Process(
      List<String> command,
      List<String> args,
      Map<String, String> env,
      @JsonProperty("ready_path") String readyPath,
      @JsonProperty("startup_timeout") String startupTimeout,
      @JsonProperty("stop_timeout") String stopTimeout) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Health(String interval, String timeout, Integer failures) {}
}
