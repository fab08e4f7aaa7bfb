package dev.mixserve.api.error;

import java.util.Objects;

/**
 * The one exception family of mixserve. Every layer throws it with a {@link Kind}; the gateway maps
 * it to a status and a protocol error body once, at the edge.
 */
public final class ServeException extends RuntimeException {
  /** What went wrong, with the HTTP status and the OpenAI error type it maps to. */
  public enum Kind {
    INVALID_REQUEST(400, "invalid_request_error"),
    /** No API key, or one the server does not hold: OpenAI's own words for it. */
    UNAUTHORIZED(401, "invalid_request_error"),
    /** A key the server holds, asking for what it may not reach. */
    FORBIDDEN(403, "invalid_request_error"),
    NOT_FOUND(404, "not_found_error"),
    METHOD_NOT_ALLOWED(405, "invalid_request_error"),
    TIMEOUT(408, "timeout_error"),
    EXPECTATION_FAILED(417, "invalid_request_error"),
    TOO_LARGE(413, "invalid_request_error"),
    UNSUPPORTED_MEDIA_TYPE(415, "invalid_request_error"),
    OVERLOADED(429, "rate_limit_error"),
    UNAVAILABLE(503, "server_error"),
    ENGINE_FAILURE(500, "server_error");

    private final int status;
    private final String type;

    Kind(int status, String type) {
      this.status = status;
      this.type = type;
    }

    public int status() {
      return status;
    }

    public String type() {
      return type;
    }
  }

  private final Kind kind;
  private final String param;
  private final int status;
  private final int retryAfterSeconds;

  private ServeException(
      Kind kind, String message, String param, int status, int retryAfter, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = kind;
    this.param = param;
    this.status = status;
    this.retryAfterSeconds = retryAfter;
  }

  public static ServeException invalid(String message) {
    return new ServeException(Kind.INVALID_REQUEST, message, null, 400, 0, null);
  }

  /** A bad value in a named request field; the field goes into the error body as "param". */
  public static ServeException invalid(String param, String message) {
    return new ServeException(Kind.INVALID_REQUEST, message, param, 400, 0, null);
  }

  public static ServeException unauthorized(String message) {
    return new ServeException(Kind.UNAUTHORIZED, message, null, 401, 0, null);
  }

  public static ServeException forbidden(String message) {
    return new ServeException(Kind.FORBIDDEN, message, null, 403, 0, null);
  }

  public static ServeException notFound(String message) {
    return new ServeException(Kind.NOT_FOUND, message, null, 404, 0, null);
  }

  public static ServeException modelNotFound(String model) {
    return new ServeException(
        Kind.NOT_FOUND, "The model '" + model + "' does not exist", "model", 404, 0, null);
  }

  public static ServeException methodNotAllowed(String message) {
    return new ServeException(Kind.METHOD_NOT_ALLOWED, message, null, 405, 0, null);
  }

  public static ServeException timeout(String message) {
    return new ServeException(Kind.TIMEOUT, message, null, 408, 0, null);
  }

  public static ServeException expectationFailed(String message) {
    return new ServeException(Kind.EXPECTATION_FAILED, message, null, 417, 0, null);
  }

  public static ServeException tooLarge(String message) {
    return new ServeException(Kind.TOO_LARGE, message, null, 413, 0, null);
  }

  public static ServeException unsupportedMediaType(String message) {
    return new ServeException(Kind.UNSUPPORTED_MEDIA_TYPE, message, null, 415, 0, null);
  }

  /** Queue full: the client should come back after {@code retryAfterSeconds}. */
  public static ServeException overloaded(String message, int status, int retryAfterSeconds) {
    return new ServeException(
        Kind.OVERLOADED, message, null, status, Math.max(1, retryAfterSeconds), null);
  }

  /** Not ready or not configured; 503 with Retry-After. */
  public static ServeException unavailable(String message, int retryAfterSeconds) {
    return new ServeException(
        Kind.UNAVAILABLE, message, null, 503, Math.max(1, retryAfterSeconds), null);
  }

  public static ServeException engineFailure(String message, Throwable cause) {
    return new ServeException(Kind.ENGINE_FAILURE, message, null, 500, 0, cause);
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }

  /** The request field at fault, or null. */
  public String param() {
    return param;
  }

  /** Seconds for the Retry-After header; 0 when none is due. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
