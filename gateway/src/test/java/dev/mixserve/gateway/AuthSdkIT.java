package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK with its apiKey, against a server with keys on. */
public class AuthSdkIT {
  @TempDir static Path dir;
  static RawUpstream upstream;
  static MixserveServer server;

  @BeforeAll
  static void start() throws Exception {
    upstream = new RawUpstream();
    String once =
        KeyedServer.entry("once", "msk-once", "[echo]", ", limits: {requests_per_minute: 1}");
    server = KeyedServer.start(dir, upstream.port(), "server: {host: 127.0.0.1, port: 0}\n", once);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    upstream.close();
  }

  static OpenAIClient client(String base, String key) {
    return OpenAIOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + server.port() + base)
        .apiKey(key)
        .maxRetries(0)
        .build();
  }

  static EmbeddingCreateParams params(String model) {
    return EmbeddingCreateParams.builder().model(model).input("one text").build();
  }

  @Test
  void theSdksKeyIsTheServersKey() {
    var underRoute = client("/echo/v1", KeyedServer.GOOD).embeddings().create(params("echo"));
    assertThat(underRoute.data()).hasSize(1);
    var atRoot = client("/v1", KeyedServer.GOOD).embeddings().create(params("echo"));
    assertThat(atRoot.data()).hasSize(1);
  }

  @Test
  void aWrongKeyIsUnauthorizedAndAKeyOutOfScopeIsDenied() {
    assertThatThrownBy(() -> client("/echo/v1", "msk-wrong").embeddings().create(params("echo")))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("Incorrect API key");
    assertThatThrownBy(
            () -> client("/v1", KeyedServer.ELSEWHERE).embeddings().create(params("echo")))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("may not call 'echo'");
  }

  @Test
  void overItsLimitTheSdkSeesARateLimit() {
    client("/echo/v1", "msk-once").embeddings().create(params("echo"));
    assertThatThrownBy(() -> client("/echo/v1", "msk-once").embeddings().create(params("echo")))
        .isInstanceOf(RateLimitException.class);
  }
}
