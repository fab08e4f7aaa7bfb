package dev.mixserve.protocol.openai;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;

/** The OpenAI error body: {"error": {"message", "type", "param", "code"}}. */
public final class OpenAiError {
  private OpenAiError() {}

  public static byte[] body(ServeException e) {
    return body(e.getMessage(), type(e.status(), e.kind().type()), e.param(), code(e));
  }

  /**
   * OpenAI's type for a status: {@code rate_limit_error} is the 429 case only, and every 5xx is a
   * {@code server_error} (a full queue that answers 503 is the server's state, not the client's
   * rate); the SDKs pick their exception by status and show the type, so the two must agree.
   */
  public static String type(int status, String otherwise) {
    if (status >= 500) {
      return "server_error";
    }
    return status == 429 ? "rate_limit_error" : otherwise;
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
      case OVERLOADED -> e.status() == 429 ? "rate_limit_exceeded" : "overloaded";
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
