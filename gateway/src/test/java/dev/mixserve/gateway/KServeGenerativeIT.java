package dev.mixserve.gateway;

import static dev.mixserve.gateway.EmbeddingsIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** KServe V1 and V2 on the generative tasks: text generation, speech and transcription. */
public class KServeGenerativeIT {
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  static JsonNode post(MixserveServer s, String host, String path, String body) throws Exception {
    var b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (host != null) {
      b.header("Host", host);
    }
    HttpResponse<String> res = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return json(res.body());
  }

  @Test
  void v2TextGenerationIsTheModelsGreedyText() throws Exception {
    String body =
        """
        {"id": "gen-1",
         "inputs": [{"name": "text_input", "shape": [1], "datatype": "BYTES", "data": ["Once upon a time"]}],
         "parameters": {"max_tokens": 32, "temperature": 0}}
        """;
    var server = ChatTestServer.get();
    JsonNode byPath = post(server, null, "/v2/models/llm/infer", body);
    JsonNode byAlias = post(server, "llm-predictor.ai-ml", "/v2/models/llm/infer", body);
    JsonNode out = byPath.get("outputs").get(0);
    assertThat(out.get("name").asText()).isEqualTo("text_output");
    assertThat(out.get("datatype").asText()).isEqualTo("BYTES");
    assertThat(out.get("data").get(0).asText()).isEqualTo(ChatTestServer.GREEDY_32);
    assertThat(byPath.get("id").asText()).isEqualTo("gen-1");
    assertThat(byAlias).isEqualTo(byPath);
  }

  @Test
  void v1PredictGeneratesPerInstance() throws Exception {
    String body =
        "{\"instances\": [{\"prompt\": \"Once upon a time\", \"max_tokens\": 32, \"temperature\": 0}]}";
    JsonNode preds =
        post(ChatTestServer.get(), null, "/v1/models/llm:predict", body).get("predictions");
    assertThat(preds.get(0).asText()).isEqualTo(ChatTestServer.GREEDY_32);
  }

  @Test
  void speechThenTranscriptionThroughKServe() throws Exception {
    var server = AudioServer.get();
    String say =
        """
        {"inputs": [{"name": "text_input", "shape": [1], "datatype": "BYTES",
                     "data": ["the quick brown fox jumped over the lazy dog"]}]}
        """;
    JsonNode spoken = post(server, "tts-predictor.ai-ml", "/v2/models/tts/infer", say);
    String wav = spoken.get("outputs").get(0).get("data").get(0).asText();
    byte[] bytes = Base64.getDecoder().decode(wav);
    assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("RIFF");
    JsonNode heard =
        post(
            server,
            null,
            "/v1/models/whisper-grammar:predict",
            "{\"instances\": [{\"audio\": \"" + wav + "\"}]}");
    assertThat(heard.get("predictions").get(0).asText())
        .isEqualTo("the quick brown fox jumped over the lazy dog");
  }
}
