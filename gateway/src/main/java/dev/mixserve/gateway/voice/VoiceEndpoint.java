package dev.mixserve.gateway.voice;

import dev.mixserve.api.Task;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.client.ClientOptions;
import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.MixserveException;
import dev.mixserve.client.RetryPolicy;
import dev.mixserve.client.Target;
import dev.mixserve.client.voice.VoicePipeline;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.Multipart;
import dev.mixserve.gateway.http.RouteTable;
import io.helidon.http.HeaderNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * POST /voice/v1/chat: audio in, spoken answer out, composed from the deployments that serve
 * transcription, chat and speech. Each stage is a request to this same gateway over loopback, so it
 * passes the stage deployment's admission control, deadline and metrics exactly as an outside
 * request would, and the pipeline streams answer sentences into speech as the client's does.
 */
public final class VoiceEndpoint implements AutoCloseable {
  public static final String PATH = "/voice/v1/chat";

  private final MixserveClient loopback;
  private final VoiceMetrics metrics;

  public VoiceEndpoint(String host, int port, VoiceMetrics metrics) {
    String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    // No retries inside the server: a full stage answers the caller with its 429/503 at once.
    this.loopback =
        new MixserveClient(
            ClientOptions.of("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port)
                .withRetry(RetryPolicy.NONE)
                .withRequestTimeout(Duration.ofMinutes(5)));
    this.metrics = metrics;
  }

  public void handle(Call call, RouteTable table) {
    if (!call.method().equals("POST")) {
      call.response().header(HeaderNames.ALLOW, "POST");
      throw ServeException.methodNotAllowed(
          call.method() + " is not allowed on " + PATH + "; use POST");
    }
    var form = call.form();
    var file = form.get("file");
    if (file == null || file.isEmpty() || file.getFirst().data().length == 0) {
      throw ServeException.invalid("file", "'file' is required: the question, as WAV audio");
    }
    var stages = stages(table, form);
    VoicePipeline.Result result;
    try {
      // each stage is a request of the caller's, let in (or not) by the caller's key
      String key = call.access() == null ? null : call.access().key();
      var client = key == null ? loopback : loopback.withApiKey(key);
      result = new VoicePipeline(client, stages).run(file.getFirst().data(), t -> {}, p -> {});
    } catch (MixserveException e) {
      throw VoiceReply.error(e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw ServeException.invalid("file", e.getMessage());
    }
    metrics.record(result.timings());
    VoiceReply.send(call, result);
  }

  private static VoicePipeline.Stages stages(
      RouteTable table, Map<String, List<Multipart.Part>> form) {
    return new VoicePipeline.Stages(
        route(table, Task.TRANSCRIPTION),
        route(table, Task.CHAT),
        route(table, Task.SPEECH),
        field(form, "voice"),
        field(form, "system"),
        maxTokens(field(form, "max_tokens")));
  }

  private static Target route(RouteTable table, Task task) {
    return table.all().stream()
        .map(DeploymentRuntime::deployment)
        .filter(d -> d.task() == task)
        .findFirst()
        .map(d -> Target.route(d.route()))
        .orElseThrow(
            () ->
                ServeException.notFound(
                    PATH + " needs a " + task.id() + " deployment and this server has none"));
  }

  private static String field(Map<String, List<Multipart.Part>> form, String name) {
    var parts = form.get(name);
    return parts == null || parts.isEmpty() ? null : parts.getFirst().text().strip();
  }

  private static Integer maxTokens(String v) {
    try {
      return v == null ? 64 : Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw ServeException.invalid(
          "max_tokens", "'max_tokens' must be a whole number, got '" + v + "'");
    }
  }

  @Override
  public void close() {
    loopback.close();
  }
}
