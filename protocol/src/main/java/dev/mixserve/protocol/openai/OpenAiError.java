package dev.mixserve.protocol.openai;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;

/** The OpenAI error body: {"error": {"message", "type", "param", "code"}}. */
public final class OpenAiError {
  private OpenAiError() {}

  public static byte[] body(ServeException e) {
    return body(e.getMessage(), e.kind().type(), e.param(), code(e));
  }

  public static byte[] body(String message, String type, String param, String code) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("error");
          g.writeStringField("message", message);
          g.writeStringField("type", type);
          g.writeStringField("param", param);
          g.writeStringField("code", code);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  private static String code(ServeException e) {
    return switch (e.kind()) {
      case UNAUTHORIZED -> "invalid_api_key";
      case FORBIDDEN -> "insufficient_permissions";
      case NOT_FOUND -> "model".equals(e.param()) ? "model_not_found" : "not_found";
      case OVERLOADED -> "rate_limit_exceeded";
      case TOO_LARGE -> "request_too_large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
      case METHOD_NOT_ALLOWED -> "method_not_allowed";
      case TIMEOUT -> "timeout";
      case EXPECTATION_FAILED -> "expectation_failed";
      case UNAVAILABLE -> "service_unavailable";
      case ENGINE_FAILURE -> "engine_error";
      case INVALID_REQUEST -> e.param() == null ? "invalid_request" : "invalid_value";
    };
  }
}
