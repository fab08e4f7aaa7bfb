package dev.mixserve.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimiterTest {
  @Test
  void durationsAsOpenAiWritesThem() {
    assertThat(Limiter.duration(20_000_000L)).isEqualTo("20ms");
    assertThat(Limiter.duration(1)).isEqualTo("1ms");
    assertThat(Limiter.duration(1_000_000_000L)).isEqualTo("1s");
    assertThat(Limiter.duration(59_500_000_000L)).isEqualTo("1m0s");
    assertThat(Limiter.duration(360_000_000_000L)).isEqualTo("6m0s");
    assertThat(Limiter.duration(61_000_000_000L)).isEqualTo("1m1s");
  }

  @Test
  void pathsSayWhatTheyNeedAndWhoseErrorsTheyWear() {
    assertThat(Need.of("/-/healthz")).isEqualTo(Need.OPEN);
    assertThat(Need.of("/-/ready")).isEqualTo(Need.OPEN);
    assertThat(Need.of("/v2/health/ready")).isEqualTo(Need.OPEN);
    assertThat(Need.of("/-/status")).isEqualTo(Need.ADMIN);
    assertThat(Need.of("/-/anything-new")).isEqualTo(Need.ADMIN);
    assertThat(Need.of("/metrics")).isEqualTo(Need.ADMIN);
    assertThat(Need.of("/ui/app.js")).isEqualTo(Need.ADMIN);
    assertThat(Need.of("/v1/models")).isEqualTo(Need.KEY);
    assertThat(Need.of("/v2/models/x/ready")).isEqualTo(Need.KEY);
    assertThat(Protocol.of("/v2/models/x/infer")).isEqualTo(Protocol.KSERVE);
    assertThat(Protocol.of("/v1/models/x:predict")).isEqualTo(Protocol.KSERVE);
    assertThat(Protocol.of("/v1/models")).isEqualTo(Protocol.OPENAI);
    assertThat(Protocol.of("/v1/embeddings")).isEqualTo(Protocol.OPENAI);
    var r = Refusal.unauthorized(true);
    assertThat(new String(r.body("/v1/embeddings")))
        .contains("\"type\":\"invalid_request_error\"")
        .contains("\"code\":\"invalid_api_key\"");
    assertThat(new String(r.body("/v2/models/x/infer")))
        .isEqualTo("{\"error\":\"Incorrect API key provided.\"}");
  }

  @Test
  void newKeysAreLongAndDistinct() {
    String a = KeyHash.newKey();
    assertThat(a).startsWith("msk-").hasSize(4 + 43);
    assertThat(KeyHash.newKey()).isNotEqualTo(a);
    assertThat(KeyHash.hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
