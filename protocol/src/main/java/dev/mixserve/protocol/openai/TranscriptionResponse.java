package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mixserve.api.engine.TranscriptionEngine.Segment;
import dev.mixserve.api.engine.TranscriptionEngine.Transcript;
import dev.mixserve.api.engine.TranscriptionEngine.Word;
import dev.mixserve.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Transcription answers in each response_format, and the events of a streamed one. */
public final class TranscriptionResponse {
  private TranscriptionResponse() {}

  public static byte[] write(TranscriptionRequest req, Transcript t, boolean translate) {
    return switch (req.format()) {
      case JSON ->
          Json.write(
              g -> {
                g.writeStartObject();
                g.writeStringField("text", t.text());
                g.writeEndObject();
              });
      case TEXT -> utf8(t.text() + "\n");
      case SRT -> utf8(Subtitles.srt(t.segments()));
      case VTT -> utf8(Subtitles.vtt(t.segments()));
      case VERBOSE_JSON -> Json.write(g -> verbose(g, req, t, translate));
    };
  }

  private static void verbose(JsonGenerator g, TranscriptionRequest req, Transcript t, boolean tr)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("task", tr ? "translate" : "transcribe");
    g.writeStringField("language", language(t.language()));
    g.writeNumberField("duration", round(t.duration()));
    g.writeStringField("text", t.text());
    if (req.segments()) {
      g.writeArrayFieldStart("segments");
      List<Segment> s = t.segments();
      for (int i = 0; i < s.size(); i++) {
        segment(g, i, s.get(i), req.options().temperature());
      }
      g.writeEndArray();
    }
    if (req.options().words()) {
      g.writeArrayFieldStart("words");
      for (Segment s : t.segments()) {
        for (Word w : s.words()) {
          g.writeStartObject();
          g.writeStringField("word", w.word());
          g.writeNumberField("start", round(w.start()));
          g.writeNumberField("end", round(w.end()));
          g.writeEndObject();
        }
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void segment(JsonGenerator g, int id, Segment s, double temperature)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", id);
    g.writeNumberField("seek", 0);
    g.writeNumberField("start", round(s.start()));
    g.writeNumberField("end", round(s.end()));
    g.writeStringField("text", s.text());
    g.writeArrayFieldStart("tokens");
    g.writeEndArray();
    g.writeNumberField("temperature", temperature);
    // Engines here give no token probabilities; zeros are what OpenAI clients parse without harm.
    g.writeNumberField("avg_logprob", 0.0);
    g.writeNumberField("compression_ratio", 0.0);
    g.writeNumberField("no_speech_prob", 0.0);
    g.writeEndObject();
  }

  /** One server-sent event with a new piece of text. */
  public static byte[] deltaEvent(String text) {
    return event(
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "transcript.text.delta");
              g.writeStringField("delta", text);
              g.writeEndObject();
            }));
  }

  /** The last event, with the whole text. */
  public static byte[] doneEvent(String text) {
    return event(
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "transcript.text.done");
              g.writeStringField("text", text);
              g.writeEndObject();
            }));
  }

  private static byte[] event(byte[] json) {
    return utf8("data: " + new String(json, StandardCharsets.UTF_8) + "\n\n");
  }

  /** OpenAI names the language in English ("english"); we pass on the code when we have one. */
  private static String language(String code) {
    return code == null ? "unknown" : code.equals("en") ? "english" : code;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
