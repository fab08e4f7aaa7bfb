package dev.mixserve.protocol.openai;

import dev.mixserve.api.error.ServeException;
import java.util.Arrays;

/** OpenAI's response_format for /v1/audio/transcriptions and /translations. */
public enum TranscriptionFormat {
  JSON("json", "application/json"),
  TEXT("text", "text/plain; charset=utf-8"),
  SRT("srt", "application/x-subrip; charset=utf-8"),
  VTT("vtt", "text/vtt; charset=utf-8"),
  VERBOSE_JSON("verbose_json", "application/json");

  private final String id;
  private final String contentType;

  TranscriptionFormat(String id, String contentType) {
    this.id = id;
    this.contentType = contentType;
  }

  public String id() {
    return id;
  }

  public String contentType() {
    return contentType;
  }

  public static TranscriptionFormat parse(String text) {
    for (TranscriptionFormat f : values()) {
      if (f.id.equals(text)) {
        return f;
      }
    }
    throw ServeException.invalid(
        "response_format",
        "'response_format' must be one of "
            + Arrays.stream(values()).map(TranscriptionFormat::id).toList()
            + ", got '"
            + text
            + "'");
  }
}
