package dev.mixserve.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixserve.api.error.ServeException;
import org.junit.jupiter.api.Test;

class OpenAiErrorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode error(ServeException e) throws Exception {
    return JSON.readTree(OpenAiError.body(e)).get("error");
  }

  @Test
  void aFullQueueThatAnswers503IsAServerErrorNotARateLimit() throws Exception {
    var e = error(ServeException.overloaded("llm is at capacity", 503, 2));
    assertThat(e.get("type").asText()).isEqualTo("server_error");
    assertThat(e.get("code").asText()).isEqualTo("overloaded");
  }

  @Test
  void a429IsTheRateLimitCase() throws Exception {
    var e = error(ServeException.overloaded("llm is at capacity", 429, 2));
    assertThat(e.get("type").asText()).isEqualTo("rate_limit_error");
    assertThat(e.get("code").asText()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void notReadyIsAServerErrorWithItsOwnCode() throws Exception {
    var e = error(ServeException.unavailable("embeddings is loading", 5));
    assertThat(e.get("type").asText()).isEqualTo("server_error");
    assertThat(e.get("code").asText()).isEqualTo("service_unavailable");
  }

  @Test
  void everyStatusGetsTheTypeOpenAiUsesForIt() {
    assertThat(OpenAiError.type(400, "invalid_request_error")).isEqualTo("invalid_request_error");
    assertThat(OpenAiError.type(429, "invalid_request_error")).isEqualTo("rate_limit_error");
    assertThat(OpenAiError.type(500, "x")).isEqualTo("server_error");
    assertThat(OpenAiError.type(503, "x")).isEqualTo("server_error");
  }
}
