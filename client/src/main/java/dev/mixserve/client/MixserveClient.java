package dev.mixserve.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * A typed client for every mixserve route; one method per protocol call, so this file is the
 * library's whole surface. Thread-safe; close it to release the HTTP client.
 */
public final class MixserveClient implements AutoCloseable {
  private final Transport transport;

  public MixserveClient(ClientOptions options) {
    this(new Transport(options));
  }

  private MixserveClient(Transport transport) {
    this.transport = transport;
  }

  /**
   * This client with another API key (null: none), on the same connections: a server that calls
   * itself for a caller passes the caller's key on. Closing it leaves the connections open.
   */
  public MixserveClient withApiKey(String key) {
    return new MixserveClient(transport.withApiKey(key));
  }

  public static MixserveClient of(String baseUrl) {
    return new MixserveClient(ClientOptions.of(baseUrl));
  }

  /** {@code GET /-/healthz}. */
  public Health health() {
    JsonNode body = getJson("/-/healthz");
    var deployments = new LinkedHashMap<String, String>();
    body.path("deployments")
        .properties()
        .forEach(e -> deployments.put(e.getKey(), e.getValue().asText()));
    return new Health(body.path("status").asText("unknown"), deployments);
  }

  /** {@code GET /v1/models}: every deployment at the root, the one deployment under a route. */
  public List<ModelInfo> models(Target target) {
    var out = new ArrayList<ModelInfo>();
    for (JsonNode m : getJson(target.path("/v1/models")).path("data")) {
      out.add(
          new ModelInfo(
              m.path("id").asText(),
              m.path("task").asText(null),
              m.path("route").asText(null),
              m.path("ready").asBoolean(true)));
    }
    return out;
  }

  /** {@code POST /v1/chat/completions}, waiting for the whole answer. */
  public ChatResponse chat(Target target, ChatRequest request) {
    return ChatResponse.parse(
        postJson(target.path("/v1/chat/completions"), request.json(target, false)));
  }

  /**
   * {@code POST /v1/chat/completions} with {@code stream: true}. Returns at once; text arrives on
   * {@code onText} from another thread, and errors (404, 429 after the retries, a broken stream)
   * are thrown by {@link ChatStream#await()}.
   */
  public ChatStream chatStream(Target target, ChatRequest request, Consumer<String> onText) {
    return stream(target.path("/v1/chat/completions"), request.json(target, true), onText);
  }

  /** {@code POST /v1/completions}: plain text continuation. */
  public ChatResponse complete(Target target, String prompt, ChatRequest sampling) {
    return ChatResponse.parse(
        postJson(target.path("/v1/completions"), completion(target, prompt, sampling, false)));
  }

  public ChatStream completeStream(
      Target target, String prompt, ChatRequest sampling, Consumer<String> onText) {
    return stream(
        target.path("/v1/completions"), completion(target, prompt, sampling, true), onText);
  }

  /** {@code POST /v1/embeddings}: one vector per input, in input order. */
  public List<float[]> embed(Target target, List<String> inputs) {
    ObjectNode body = withModel(target);
    inputs.forEach(body.putArray("input")::add);
    JsonNode data = postJson(target.path("/v1/embeddings"), body).path("data");
    var out = new ArrayList<float[]>(java.util.Collections.nCopies(data.size(), (float[]) null));
    for (JsonNode d : data) {
      JsonNode e = d.path("embedding");
      float[] v = new float[e.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) e.get(i).asDouble();
      }
      out.set(d.path("index").asInt(), v);
    }
    return out;
  }

  /** {@code POST /v1/rerank} (Jina/Cohere v1): results best first. */
  public List<RerankResult> rerank(
      Target target, String query, List<String> documents, Integer topN) {
    ObjectNode body = withModel(target).put("query", query);
    documents.forEach(body.putArray("documents")::add);
    if (topN != null) {
      body.put("top_n", topN);
    }
    var out = new ArrayList<RerankResult>();
    for (JsonNode r : postJson(target.path("/v1/rerank"), body).path("results")) {
      out.add(new RerankResult(r.path("index").asInt(), r.path("relevance_score").asDouble()));
    }
    return out;
  }

  /** {@code POST /v1/audio/transcriptions}: the text spoken in a WAV clip. */
  public String transcribe(Target target, byte[] audio, String filename) {
    var form = new Multipart().file("file", filename, "audio/wav", audio);
    target.optModel().ifPresent(m -> form.field("model", m));
    form.field("response_format", "json");
    byte[] payload = form.build();
    byte[] res =
        transport.sendForBytes(
            () ->
                transport
                    .request(target.path("/v1/audio/transcriptions"))
                    .header("Content-Type", form.contentType())
                    .POST(BodyPublishers.ofByteArray(payload))
                    .build());
    return ClientJson.parse(res, "a transcription").path("text").asText("");
  }

  /** {@code POST /v1/audio/speech}: WAV bytes; {@code voice} null for the server's default. */
  public byte[] speech(Target target, String text, String voice) {
    ObjectNode body = withModel(target).put("input", text).put("response_format", "wav");
    if (voice != null) {
      body.put("voice", voice);
    }
    return transport.sendForBytes(() -> post(target.path("/v1/audio/speech"), body));
  }

  private ChatStream stream(String path, ObjectNode body, Consumer<String> onText) {
    return ChatStream.start(() -> transport.send(() -> post(path, body)), onText);
  }

  private static ObjectNode completion(
      Target target, String prompt, ChatRequest sampling, boolean stream) {
    ObjectNode body = withModel(target).put("prompt", prompt);
    if (sampling != null) {
      sampling.sampling(body);
    }
    return body.put("stream", stream);
  }

  private static ObjectNode withModel(Target target) {
    ObjectNode body = ClientJson.object();
    target.optModel().ifPresent(m -> body.put("model", m));
    return body;
  }

  private JsonNode getJson(String path) {
    byte[] res = transport.sendForBytes(() -> transport.request(path).GET().build());
    return ClientJson.parse(res, "GET " + path);
  }

  private JsonNode postJson(String path, ObjectNode body) {
    return ClientJson.parse(transport.sendForBytes(() -> post(path, body)), "POST " + path);
  }

  private HttpRequest post(String path, ObjectNode body) {
    return transport
        .request(path)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofByteArray(ClientJson.bytes(body)))
        .build();
  }

  @Override
  public void close() {
    transport.close();
  }
}
