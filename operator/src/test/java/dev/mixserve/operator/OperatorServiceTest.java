package dev.mixserve.operator;

import static dev.mixserve.operator.Cluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator's own port, as its Deployment's probes and a Prometheus scrape use it. */
@EnableKubernetesMockClient(crud = true)
class OperatorServiceTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  KubernetesClient client;

  @Test
  void healthReadinessAndMetricsAnswerOnTheirOwnPort() throws Exception {
    var settings =
        new MixServeOperator.Settings(client, true, Cluster.IMAGE, Set.of(), Optional.empty());
    try (var service = OperatorService.start(settings, 0)) {
      assertThat(get(service, "/healthz").statusCode()).isEqualTo(200);
      await().atMost(WAIT).until(() -> get(service, "/readyz").statusCode() == 200);

      client.resource(Edits.aliasNamespace(Cluster.seed(client, "m"), "m-aliases")).create();
      await()
          .atMost(WAIT)
          .until(() -> get(service, "/metrics").body(), b -> !b.contains("reconciles_total 0\n"));
      var metrics = get(service, "/metrics");
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
      assertThat(metrics.body())
          .contains("# TYPE mixserve_operator_reconciles_total counter\n")
          .contains("mixserve_operator_reconcile_errors_total 0\n")
          .contains("mixserve_operator_leader 1\n");
    }
  }

  static HttpResponse<String> get(OperatorService s, String path) throws Exception {
    var uri = URI.create("http://127.0.0.1:" + s.port() + path);
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
