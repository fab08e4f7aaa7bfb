package dev.mixserve.client;

/**
 * A call that failed: the server answered an error (status and its OpenAI-style {@code
 * error.message}), or no answer came at all ({@link #status()} 0).
 */
public final class MixserveException extends RuntimeException {
  private final int status;
  private final String type;
  private final String code;
  private final String serverMessage;

  MixserveException(String message, int status, String type, String code, String serverMessage) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.serverMessage = serverMessage;
  }

  /**
   * A failure found by the client itself, reported as if the server had answered {@code status}.
   */
  public MixserveException(String message, int status) {
    this(message, status, null, null, null);
  }

  MixserveException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.type = "connection_error";
    this.code = null;
    this.serverMessage = null;
  }

  /** The HTTP status, or 0 when the server could not be reached or the connection broke. */
  public int status() {
    return status;
  }

  /** OpenAI's error.type, e.g. {@code invalid_request_error}; null when not given. */
  public String type() {
    return type;
  }

  /** OpenAI's error.code, e.g. {@code model_not_found}; null when not given. */
  public String code() {
    return code;
  }

  /** The server's own error.message (or its raw body), null when no answer came. */
  public String serverMessage() {
    return serverMessage;
  }

  /** True when no HTTP answer came: the server is down, unreachable or timed out. */
  public boolean unreachable() {
    return status == 0;
  }
}
