package dev.mixserve.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The config's {@code server:}. Values the config reads in several forms (a byte size as a number
 * or "4MiB", {@code front: on}, which YAML 1.1 readers such as kubectl's make a boolean) are typed
 * {@code Object}: the schema keeps them as written and the config's reader judges them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerSpec(
    String host,
    Integer port,
    @JsonProperty("alias_namespace") String aliasNamespace,
    @JsonProperty("default_aliases") Boolean defaultAliases,
    Object front,
    Edge edge,
    @JsonProperty("nodes_down_after") String nodesDownAfter) {

  /** {@code server.edge}: the front door's timeouts and budgets. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Edge(
      @JsonProperty("header_timeout") String headerTimeout,
      @JsonProperty("body_timeout") String bodyTimeout,
      @JsonProperty("body_min_rate") Object bodyMinRate,
      @JsonProperty("keepalive_timeout") String keepaliveTimeout,
      @JsonProperty("send_timeout") String sendTimeout,
      @JsonProperty("max_connections") Integer maxConnections,
      @JsonProperty("body_memory") Object bodyMemory) {}
}
