package dev.mixserve.gateway.auth;

import dev.mixserve.protocol.kserve.KServeJson;
import dev.mixserve.protocol.openai.OpenAiError;
import java.util.regex.Pattern;

/** Whose error body a refusal wears: KServe's on KServe paths, OpenAI's everywhere else. */
public enum Protocol {
  OPENAI,
  KSERVE;

  // GET /v1/models/{id} is OpenAI's retrieve (the SDKs read its errors); only :predict is KServe's.
  private static final Pattern V1_MODEL = Pattern.compile("/v1/models/.+:predict");

  /** For the path a deployment sees (after its route prefix), or a path at the root. */
  public static Protocol of(String path) {
    boolean kserve =
        path.equals("/v2") || path.startsWith("/v2/") || V1_MODEL.matcher(path).matches();
    return kserve ? KSERVE : OPENAI;
  }

  byte[] body(int status, String message) {
    return switch (this) {
      case KSERVE -> KServeJson.error(message);
      case OPENAI ->
          OpenAiError.body(
              message,
              OpenAiError.type(status, "invalid_request_error"),
              null,
              switch (status) {
                case 401 -> "invalid_api_key";
                case 403 -> "insufficient_permissions";
                default -> "rate_limit_exceeded";
              });
    };
  }
}
