package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.Target;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /voice/v1/chat on a real server: audio in, spoken answer out, in one request. */
class VoiceRouteIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static byte[] question;

  @BeforeAll
  static void speakTheQuestion() {
    try (var client = MixserveClient.of(CliTestServer.url())) {
      question = client.speech(Target.route("/tts"), "Tell me a story about a little girl.", null);
    }
  }

  private static HttpResponse<byte[]> post(byte[] wav, String accept) throws Exception {
    String boundary = "b0undary";
    var body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(wav);
    body.writeBytes(
        ("\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"max_tokens\"\r\n\r\n24\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    var req =
        HttpRequest.newBuilder(URI.create(CliTestServer.url() + "/voice/v1/chat"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void audioInAudioOutWithTextsInHeaders() throws Exception {
    var res = post(question, "audio/wav");
    assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("audio/wav");
    String transcript =
        URLDecoder.decode(
            res.headers().firstValue("X-Transcript").orElseThrow(), StandardCharsets.UTF_8);
    String answer =
        URLDecoder.decode(
            res.headers().firstValue("X-Answer").orElseThrow(), StandardCharsets.UTF_8);
    assertThat(transcript).containsPattern("story|little|girl");
    assertThat(res.headers().firstValue("Server-Timing").orElseThrow())
        .contains("transcribe;dur=", "total;dur=");
    try (var client = MixserveClient.of(CliTestServer.url())) {
      String heard =
          client.transcribe(Target.route("/whisper"), res.body(), "a.wav").toLowerCase(Locale.ROOT);
      var common = HeardWords.inCommon(heard, answer);
      assertThat(common)
          .as("heard '%s' in the spoken answer '%s'", heard, answer)
          .hasSizeGreaterThanOrEqualTo(2);
    }
    String metrics =
        new String(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(CliTestServer.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body(),
            StandardCharsets.UTF_8);
    assertThat(metrics).contains("mixserve_voice_stage_seconds_count{stage=\"first_audio\"}");
  }

  @Test
  void aJsonEnvelopeWhenJsonIsAccepted() throws Exception {
    var res = post(question, "application/json");
    assertThat(res.statusCode()).isEqualTo(200);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body());
    assertThat(json.path("transcript").asText()).isNotBlank();
    assertThat(json.path("answer").asText()).isNotBlank();
    byte[] wav = Base64.getDecoder().decode(json.path("audio").asText());
    assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(json.path("timings_ms").path("total").asLong()).isPositive();
  }

  @Test
  void emptyAudioIsABadRequest() throws Exception {
    var res = post(new byte[0], "audio/wav");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(new String(res.body(), StandardCharsets.UTF_8)).contains("'file' is required");
  }
}
