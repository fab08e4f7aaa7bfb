package dev.mixserve.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.auth.Access;
import dev.mixserve.gateway.auth.Refusal;
import dev.mixserve.protocol.Json;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** One HTTP exchange as endpoints see it: the request body read once, with limits. */
public final class Call {
  /** Bodies above this are refused before any deployment limit is looked at. */
  public static final long ROOT_MAX_BODY = 64L << 20;

  private static final HeaderName REQUEST_TIMEOUT = HeaderNames.create("X-Request-Timeout");

  private final ServerRequest request;
  private final ServerResponse response;
  private String path;
  private long maxBody;
  private DeploymentRuntime bound;
  private byte[] body;
  private JsonNode json;
  private java.util.Map<String, java.util.List<Multipart.Part>> form;
  private final BodyBudget budget;
  private long reserved; // bytes of the budget this call holds
  private final ParsePool parsing;
  private final StreamCut streamCut;
  private Access access; // null: keys are not asked for (a call made by hand, in a test)

  public Call(
      ServerRequest request,
      ServerResponse response,
      String path,
      long maxBody,
      BodyBudget budget,
      ParsePool parsing,
      StreamCut streamCut) {
    this.budget = budget;
    this.parsing = parsing;
    this.streamCut = streamCut;
    this.request = request;
    this.response = response;
    this.path = path;
    this.maxBody = maxBody;
  }

  /**
   * Binds the call to the deployment that serves it: its body limit applies from now on (also to a
   * body already read to find the model) and its metrics count the answer.
   */
  public void bind(DeploymentRuntime rt, String restPath) {
    this.bound = rt;
    this.path = restPath;
    this.maxBody = rt.deployment().limits().maxBodyBytes();
    if (body != null && body.length > maxBody) {
      throw tooLarge(body.length);
    }
    if (access != null) {
      var d = rt.deployment();
      refuseIf(access.admit(d.name(), d.route()));
      access
          .grant()
          .rateHeaders()
          .forEach(h -> response.header(HeaderNames.create(h.name()), h.value()));
    }
  }

  /** Who sent the call, by its key; every deployment it is bound to must let it in. */
  public void access(Access a) {
    this.access = a;
  }

  public Access access() {
    return access;
  }

  /** Throws {@code r} as the handler answers it, its headers (WWW-Authenticate...) set first. */
  public void refuseIf(Refusal r) {
    if (r != null) {
      r.headers().forEach(h -> response.header(HeaderNames.create(h.name()), h.value()));
      throw r.exception();
    }
  }

  /** The call's path once the target is canonical ({@link RequestTarget}). */
  public void at(String canonical) {
    this.path = canonical;
  }

  /** The deployment serving this call, or null while none is chosen. */
  public DeploymentRuntime bound() {
    return bound;
  }

  public ServerRequest request() {
    return request;
  }

  public ServerResponse response() {
    return response;
  }

  /** The path after the deployment's route prefix, or the whole path at the root. */
  public String path() {
    return path;
  }

  public String method() {
    return request.prologue().method().text();
  }

  /**
   * The request body, refused with 413 past the deployment's limit and with 503 while the bodies
   * held across all requests fill their budget.
   */
  public byte[] body() {
    if (body != null) {
      return body;
    }
    var declared = request.headers().contentLength();
    if (declared.isPresent() && declared.getAsLong() > maxBody) {
      throw tooLarge(declared.getAsLong());
    }
    if (!request.content().hasEntity()) {
      body = new byte[0];
      return body;
    }
    if (isMultipart()) {
      Multipart.boundary(request.headers().contentType().get().text()); // refused before reading
    }
    try (InputStream in = request.content().inputStream()) {
      body = read(in, declared.isPresent() ? declared.getAsLong() : -1);
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (io.helidon.webserver.ServerConnectionException e) {
      // Helidon's unchecked form of the same: the client (or the front door for it) went away
      throw new UncheckedIOException(new IOException("the client went away mid-body", e));
    } catch (io.helidon.http.RequestException | IllegalArgumentException e) {
      // framing Helidon could not read (a bad chunk): the connection cannot go on after it
      throw new BadFraming("malformed request body: " + e.getMessage());
    }
  }

  /** Bodies are read in blocks of at most this; only a finished body becomes one array. */
  private static final int BLOCK = 256 << 10;

  /**
   * Reads a body of {@code length} bytes (-1: until its end) block by block as the bytes arrive,
   * holding the body budget for the blocks it has, not for what the client declared: a client that
   * declares 64 MiB and sends it slowly holds what it sent, not the memory of others. Fixed blocks
   * also spare the collector a chain of ever larger arrays, each copied into the next.
   */
  private byte[] read(InputStream in, long length) throws IOException {
    long cap = length >= 0 ? length : maxBody + 1;
    var blocks = new java.util.ArrayList<byte[]>();
    long n = 0;
    int filled = 0;
    while (n < cap) {
      int size = (int) Math.min(blocks.isEmpty() ? 65536 : BLOCK, cap - n);
      reserve(reserved + size);
      byte[] block = new byte[size];
      filled = in.readNBytes(block, 0, size);
      blocks.add(block);
      n += filled;
      if (filled < size) {
        break;
      }
    }
    if (n > maxBody) {
      throw tooLarge(n);
    }
    if (blocks.size() == 1 && filled == blocks.getFirst().length) {
      return blocks.getFirst();
    }
    byte[] all = new byte[(int) n];
    int at = 0;
    for (byte[] block : blocks) {
      int len = (int) Math.min(block.length, n - at);
      System.arraycopy(block, 0, all, at, len);
      at += len;
    }
    return all;
  }

  /** Holds {@code total} bytes of the body budget for this call (what it holds already counts). */
  private void reserve(long total) {
    long more = total - reserved;
    if (more <= 0) {
      return;
    }
    if (!budget.take(more)) {
      throw ServeException.unavailable(
          "the server holds as many request bodies as it may ("
              + budget.capacity()
              + " bytes); retry shortly",
          1);
    }
    reserved = total;
  }

  /** Gives back what the body and its key held; the call is over. */
  public void release() {
    budget.give(reserved);
    reserved = 0;
    if (access != null) {
      access.close();
    }
  }

  /** A body whose framing could not be read: 400, and the connection closes. */
  public static final class BadFraming extends RuntimeException {
    BadFraming(String message) {
      super(message, null, false, false);
    }
  }

  private ServeException tooLarge(long size) {
    return ServeException.tooLarge(
        "request body of " + size + " bytes is larger than the limit of " + maxBody + " bytes");
  }

  /** The body as a JSON object; the content type must be JSON (or absent). */
  public JsonNode json() {
    if (json == null) {
      requireContentType("application/json");
      byte[] b = body();
      json = parsing.run(b.length, () -> Json.object(b));
    }
    return json;
  }

  /** The body as multipart/form-data parts by name; 415 for any other content type. */
  public java.util.Map<String, java.util.List<Multipart.Part>> form() {
    if (form == null) {
      String type = request.headers().contentType().map(t -> t.text()).orElse("");
      if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
        throw ServeException.unsupportedMediaType(
            "Content-Type '" + type + "' is not supported here; send 'multipart/form-data'");
      }
      String boundary = Multipart.boundary(type); // a bad one is refused before the body is read
      byte[] b = body();
      form = parsing.run(b.length, () -> Multipart.parse(b, boundary));
    }
    return form;
  }

  /** Whether the body is a form upload rather than JSON. */
  boolean isMultipart() {
    return request
        .headers()
        .contentType()
        .map(t -> t.mediaType().text().toLowerCase(Locale.ROOT).startsWith("multipart/"))
        .orElse(false);
  }

  /** The "model" field of a JSON or form body, for dispatch at the root. */
  public Optional<String> model() {
    if (!isMultipart()) {
      return Json.optString(json(), "model");
    }
    var parts = form().getOrDefault("model", java.util.List.of());
    return parts.stream().findFirst().map(Multipart.Part::text);
  }

  /** Where CPU-heavy work on the request (decoding uploads) runs, off the carrier threads. */
  public ParsePool parsing() {
    return parsing;
  }

  /** Whether streamed answers must end now, the server going away. */
  public StreamCut streamCut() {
    return streamCut;
  }

  /** 415 unless the request's media type is {@code expected} (a missing type is accepted). */
  public void requireContentType(String expected) {
    Optional<HttpMediaType> type = request.headers().contentType();
    if (type.isEmpty()) {
      return;
    }
    String actual = type.get().mediaType().text().toLowerCase(Locale.ROOT);
    if (!actual.equals(expected)) {
      throw ServeException.unsupportedMediaType(
          "Content-Type '" + actual + "' is not supported here; send '" + expected + "'");
    }
  }

  /** The client's deadline from X-Request-Timeout (seconds), never above the configured one. */
  public Duration deadline(Duration configured) {
    return request
        .headers()
        .first(REQUEST_TIMEOUT)
        .map(v -> parseSeconds(v, configured))
        .orElse(configured);
  }

  private static Duration parseSeconds(String v, Duration configured) {
    try {
      double s = Double.parseDouble(v.trim());
      if (!(s > 0)) {
        throw new NumberFormatException();
      }
      Duration asked = Duration.ofMillis((long) (s * 1000));
      return asked.compareTo(configured) < 0 ? asked : configured;
    } catch (NumberFormatException e) {
      throw ServeException.invalid("X-Request-Timeout must be a positive number of seconds");
    }
  }

  public void sendJson(int status, byte[] json) {
    response.status(status);
    response.header(HeaderNames.CONTENT_TYPE, "application/json");
    response.send(json);
  }
}
