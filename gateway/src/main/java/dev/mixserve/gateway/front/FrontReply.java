package dev.mixserve.gateway.front;

import dev.mixserve.gateway.auth.Refusal;
import dev.mixserve.protocol.openai.OpenAiError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An answer the front door gives itself, before or instead of any handler: a request it cannot
 * read, one too slow or too large, one it has no capacity for, one its key does not let in. The
 * body is OpenAI's error object, as the handler's own errors are, or the one a refusal chose.
 */
public record FrontReply(
    int status, String message, int retryAfterSeconds, List<Refusal.Header> headers, byte[] body) {
  public FrontReply(int status, String message, int retryAfterSeconds) {
    this(status, message, retryAfterSeconds, List.of(), null);
  }

  /** A request its key does not let in, in the words of the protocol of {@code path}. */
  static FrontReply refused(Refusal r, String path) {
    return new FrontReply(r.status(), r.message(), 0, r.headers(), r.body(path));
  }

  static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  static FrontReply of(int status, String message) {
    return new FrontReply(status, message, 0);
  }

  /** The whole answer, head and body; {@code close} adds "Connection: close". */
  byte[] bytes(boolean close) {
    byte[] body = this.body != null ? this.body : OpenAiError.body(message, type(), null, code());
    var extra = new StringBuilder();
    headers.forEach(h -> extra.append(h.name()).append(": ").append(h.value()).append("\r\n"));
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason()
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n"
            + (retryAfterSeconds > 0 ? "Retry-After: " + retryAfterSeconds + "\r\n" : "")
            + extra
            + (close ? "Connection: close\r\n" : "")
            + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  private String type() {
    return OpenAiError.type(status, status == 408 ? "timeout_error" : "invalid_request_error");
  }

  private String code() {
    return switch (status) {
      case 408 -> "timeout";
      case 413 -> "request_too_large";
      case 417 -> "expectation_failed";
      case 431 -> "request_header_too_large";
      case 501 -> "not_implemented";
      case 503 -> "service_unavailable";
      case 505 -> "http_version_not_supported";
      case 405 -> "method_not_allowed";
      default -> "invalid_request";
    };
  }

  private String reason() {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 417 -> "Expectation Failed";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Error";
    };
  }
}
