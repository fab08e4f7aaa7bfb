package dev.mixserve.cli;

import dev.mixserve.client.ClientOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** --url, --timeout and --api-key, shared by the client commands. */
final class ClientOptionsMixin {
  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "${env:MIXSERVE_URL:-http://localhost:8000}",
      description = "mixserve endpoint (default $MIXSERVE_URL or http://localhost:8000).")
  String url;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "Longest wait for an answer to start (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:MIXSERVE_API_KEY}",
      description = "API key, sent as Authorization: Bearer (default $MIXSERVE_API_KEY).")
  String apiKey;

  ClientOptions options() {
    return ClientOptions.of(url)
        .withRequestTimeout(Duration.ofSeconds(timeoutSeconds))
        .withApiKey(apiKey);
  }
}
