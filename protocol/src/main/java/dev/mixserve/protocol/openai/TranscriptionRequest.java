package dev.mixserve.protocol.openai;

import dev.mixserve.api.engine.TranscriptionEngine.Options;
import dev.mixserve.api.error.ServeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form fields of POST /v1/audio/transcriptions and /translations (the file itself is read by
 * the gateway).
 *
 * @param model the model asked for, if any
 * @param options what the engine is asked to do
 * @param format how to answer
 * @param segments whether verbose_json carries segments (timestamp_granularities[] has "segment" or
 *     is absent)
 * @param stream answer as server-sent events, one per segment
 */
public record TranscriptionRequest(
    Optional<String> model,
    Options options,
    TranscriptionFormat format,
    boolean segments,
    boolean stream) {

  /** Parses form fields; repeated fields (timestamp_granularities[]) come as lists. */
  public static TranscriptionRequest parse(Map<String, List<String>> form, boolean translate) {
    double temperature = number(form, "temperature");
    List<String> granularities =
        form.getOrDefault(
            "timestamp_granularities[]", form.getOrDefault("timestamp_granularities", List.of()));
    for (String g : granularities) {
      if (!g.equals("word") && !g.equals("segment")) {
        throw ServeException.invalid(
            "timestamp_granularities",
            "'timestamp_granularities[]' items must be 'word' or 'segment', got '" + g + "'");
      }
    }
    var format = TranscriptionFormat.parse(one(form, "response_format").orElse("json"));
    boolean words = granularities.contains("word");
    if (!granularities.isEmpty() && format != TranscriptionFormat.VERBOSE_JSON) {
      throw ServeException.invalid(
          "timestamp_granularities",
          "'timestamp_granularities[]' needs response_format 'verbose_json'");
    }
    String stream = one(form, "stream").orElse("false");
    if (!stream.equals("true") && !stream.equals("false")) {
      throw ServeException.invalid(
          "stream", "'stream' must be true or false, got '" + stream + "'");
    }
    String language = translate ? null : one(form, "language").orElse(null);
    if (language != null && !language.matches("[A-Za-z]{2,3}([-_][A-Za-z]{2})?")) {
      throw ServeException.invalid(
          "language", "'language' must be an ISO-639-1 code such as 'en', got '" + language + "'");
    }
    return new TranscriptionRequest(
        one(form, "model"),
        new Options(language, one(form, "prompt").orElse(null), temperature, translate, words),
        format,
        granularities.isEmpty() || granularities.contains("segment"),
        stream.equals("true"));
  }

  private static Optional<String> one(Map<String, List<String>> form, String name) {
    List<String> values = form.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw ServeException.invalid(name, "'" + name + "' was sent " + values.size() + " times");
    }
    return values.stream().findFirst();
  }

  private static double number(Map<String, List<String>> form, String name) {
    String v = one(form, name).orElse("0");
    try {
      double d = Double.parseDouble(v);
      if (d >= 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below, which names the field
    }
    throw ServeException.invalid(name, "'" + name + "' must be a number in 0..1, got '" + v + "'");
  }
}
