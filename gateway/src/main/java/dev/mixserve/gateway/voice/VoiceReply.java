package dev.mixserve.gateway.voice;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.client.MixserveException;
import dev.mixserve.client.voice.VoicePipeline;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.protocol.Json;
import io.helidon.http.HeaderNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The answer of POST /voice/v1/chat: WAV audio with the texts in headers (percent-encoded UTF-8,
 * since header values are ASCII) and the stage times in Server-Timing, or, when the client accepts
 * JSON and not audio, one JSON envelope with the WAV in base64.
 */
public final class VoiceReply {
  private VoiceReply() {}

  static void send(Call call, VoicePipeline.Result r) {
    var t = r.timings();
    String timing =
        "transcribe;dur=%d, first_token;dur=%d, answer;dur=%d, first_audio;dur=%d, speech;dur=%d, total;dur=%d"
            .formatted(
                t.transcribe(), t.firstToken(), t.answer(), t.firstAudio(), t.speech(), t.total());
    call.response().header(HeaderNames.create("Server-Timing"), timing);
    if (wantsJson(call)) {
      call.sendJson(200, json(r));
      return;
    }
    call.response().header(HeaderNames.create("X-Transcript"), encode(r.transcript()));
    call.response().header(HeaderNames.create("X-Answer"), encode(r.answer()));
    call.response().header(HeaderNames.CONTENT_TYPE, "audio/wav");
    call.response().send(r.audio().bytes());
  }

  private static boolean wantsJson(Call call) {
    String accept = call.request().headers().first(HeaderNames.ACCEPT).orElse("");
    return accept.contains("application/json") && !accept.contains("audio/");
  }

  private static byte[] json(VoicePipeline.Result r) {
    var t = r.timings();
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("transcript", r.transcript());
          g.writeStringField("answer", r.answer());
          g.writeStringField("audio", Base64.getEncoder().encodeToString(r.audio().bytes()));
          g.writeStringField("audio_format", "wav");
          g.writeObjectFieldStart("timings_ms");
          g.writeNumberField("transcribe", t.transcribe());
          g.writeNumberField("first_token", t.firstToken());
          g.writeNumberField("answer", t.answer());
          g.writeNumberField("first_audio", t.firstAudio());
          g.writeNumberField("speech", t.speech());
          g.writeNumberField("total", t.total());
          g.writeEndObject();
          g.writeNumberField("sentences", t.sentences());
          g.writeEndObject();
        });
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A stage's failure, answered with the stage's status and named. */
  static ServeException error(MixserveException e) {
    String msg = "voice pipeline: " + e.getMessage();
    return switch (e.status()) {
      case 400, 413, 415 -> ServeException.invalid(msg);
      case 401 -> ServeException.unauthorized(msg); // the key went away mid-pipeline
      case 403 -> ServeException.forbidden(msg); // a stage outside the caller's scope
      case 404 -> ServeException.notFound(msg);
      case 429 -> ServeException.overloaded(msg, 429, 1);
      case 503 -> ServeException.unavailable(msg, 1);
      default -> ServeException.engineFailure(msg, e);
    };
  }
}
