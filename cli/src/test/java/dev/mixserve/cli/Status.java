package dev.mixserve.cli;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;

/** Reads a server's /-/status and /metrics. */
final class Status {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Status() {}

  /** Replicas of a deployment in state running, per /-/status. */
  static int running(String url, String deployment) throws Exception {
    JsonNode status = JSON.readTree(Http.get(url + "/-/status").body());
    int n = 0;
    for (JsonNode r : status.path("replicas")) {
      if (r.path("deployment").asText().equals(deployment)
          && r.path("state").asText().equals("running")) {
        n++;
      }
    }
    return n;
  }

  static void awaitRunning(String url, String deployment, int n, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> running(url, deployment) == n);
  }

  /** One sample's value from /metrics, 0 when absent. */
  static double metric(String url, String sample) throws Exception {
    for (String line : Http.get(url + "/metrics").body().split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    return 0;
  }
}
