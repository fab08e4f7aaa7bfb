package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mixserve.api.TestModels;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every answer that OpenAI's published OpenAPI document has a schema for, checked against that
 * schema (src/test/resources/openai-openapi: where it came from and how it was cut), streamed
 * chunks and SSE events included: the SDKs are generated from it, so a field it requires that we
 * leave out is a client that breaks.
 */
public class OpenApiSchemaIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode defs;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        OpenApiSchemaIT.class.getResourceAsStream("/openai-openapi/schemas.json")) {
      defs = JSON.readTree(in);
    }
  }

  /** The messages of {@code body} against OpenAI's schema {@code name}: empty when it conforms. */
  static Set<ValidationMessage> check(String name, JsonNode body) {
    ObjectNode root = ((ObjectNode) defs).deepCopy();
    root.put("$ref", "#/$defs/" + name);
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    return schema.validate(body);
  }

  static void conforms(String name, String body) throws Exception {
    JsonNode node = JSON.readTree(body);
    assertThat(check(name, node)).as(name + ": " + body).isEmpty();
  }

  static void eachEventConforms(String name, String body, int atLeast) {
    Sse sse = Sse.parse(body.replace("\r\n", "\n"));
    assertThat(sse.chunks()).as(body).hasSizeGreaterThanOrEqualTo(atLeast);
    for (JsonNode chunk : sse.chunks()) {
      assertThat(check(name, chunk)).as(name + ": " + chunk).isEmpty();
    }
  }

  @Test
  void theCheckCanFail() throws Exception {
    // Without this, a schema that failed to load would pass everything.
    JsonNode noRefusal =
        JSON.readTree(
            "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"logprobs\":null,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}]}");
    assertThat(check("CreateChatCompletionResponse", noRefusal)).isNotEmpty();
    assertThat(check("ErrorResponse", JSON.readTree("{\"error\":\"kserve's\"}"))).isNotEmpty();
  }

  @Test
  void embeddingsModelsAndErrors() throws Exception {
    conforms(
        "CreateEmbeddingResponse",
        TestServer.post("/v1/embeddings", "{\"model\":\"embeddings\",\"input\":[\"a\",\"b\"]}")
            .body());
    conforms("ListModelsResponse", TestServer.get("/v1/models").body());
    conforms("Model", TestServer.get("/v1/models/embeddings").body());
    conforms("Model", TestServer.get("/v1/models/BAAI%2Fbge-small-en-v1.5").body());
    for (var bad :
        List.of(
            TestServer.get("/v1/models/none"),
            TestServer.post("/v1/embeddings", "{\"model\":\"none\",\"input\":\"a\"}"),
            TestServer.post("/v1/embeddings", "{\"model\":\"embeddings\"}"),
            TestServer.post("/embeddings/v1/embeddings", "{not json"))) {
      assertThat(bad.statusCode()).isBetween(400, 499);
      conforms("ErrorResponse", bad.body());
    }
  }

  @Test
  void chatAndCompletionsWholeAndStreamed() throws Exception {
    var server = ChatTestServer.get();
    for (String route : List.of("/llm", "/echo-chat")) {
      String chat =
          "{\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}],\"max_tokens\":8";
      conforms(
          "CreateChatCompletionResponse", post(server, route + "/v1/chat/completions", chat + "}"));
      eachEventConforms(
          "CreateChatCompletionStreamResponse",
          post(
              server,
              route + "/v1/chat/completions",
              chat + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"),
          2);
    }
    for (String completion :
        List.of(
            "{\"prompt\":\"Once upon a time\",\"max_tokens\":8",
            "{\"prompt\":\"Once upon a time\",\"max_tokens\":8,\"echo\":true,\"logprobs\":2")) {
      conforms("CreateCompletionResponse", post(server, "/llm/v1/completions", completion + "}"));
      eachEventConforms(
          "CreateCompletionStreamResponse",
          post(server, "/llm/v1/completions", completion + ",\"stream\":true}"),
          2);
    }
  }

  @Test
  void transcriptionsTranslationsAndSpeechEvents() throws Exception {
    AudioServer.get();
    byte[] clip =
        Files.readAllBytes(
            TestModels.path("audio/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"));
    // Translations share these shapes; no engine here translates (PocketSphinx is English only).
    String path = "/whisper/v1/audio/transcriptions";
    conforms(
        "CreateTranscriptionResponseJson",
        AudioServer.text(AudioServer.upload(path, clip, "a.wav", "model", "whisper-1")));
    conforms(
        "CreateTranscriptionResponseVerboseJson",
        AudioServer.text(
            AudioServer.upload(
                path, clip, "a.wav", "model", "whisper-1", "response_format", "verbose_json")));
    eachEventConforms(
        "CreateTranscriptionResponseStreamEvent",
        AudioServer.text(
            AudioServer.upload(
                "/whisper/v1/audio/transcriptions", clip, "a.wav", "stream", "true")),
        2);
    eachEventConforms(
        "CreateSpeechResponseStreamEvent",
        AudioServer.text(
            AudioServer.postJson(
                "/tts/v1/audio/speech", "{\"input\":\"One. Two.\",\"stream_format\":\"sse\"}")),
        2);
  }

  private static String post(MixserveServer server, String path, String json) throws Exception {
    var req =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
            .build();
    var res =
        java.net.http.HttpClient.newHttpClient()
            .send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return res.body();
  }
}
