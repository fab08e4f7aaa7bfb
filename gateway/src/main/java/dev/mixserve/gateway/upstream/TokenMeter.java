package dev.mixserve.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixserve.api.Task;
import dev.mixserve.gateway.auth.Grant;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Charges a key with a tokens-a-minute limit for a chat that a replica outside this JVM answers:
 * the tokens are the answer's own {@code usage} (prompt and completion), as OpenAI-compatible
 * servers report it. A stream reports usage only when asked ({@code stream_options.include_usage}),
 * so the meter asks for it and, when the client did not, takes that last chunk out of what the
 * client gets. Without a meter the key's tokens would never be counted for such a chat.
 */
final class TokenMeter {
  /** Non-streamed answers are read for their usage up to this size; larger ones are not charged. */
  private static final int MAX_WHOLE = 4 << 20;

  private final Grant grant;
  private boolean dropUsageChunk;

  TokenMeter(Grant grant) {
    this.grant = grant;
  }

  /** A meter for a chat call whose key counts tokens, else null. */
  static TokenMeter of(Call call) {
    var rt = call.bound();
    if (call.access() == null
        || !call.access().grant().countsTokens()
        || rt == null
        || rt.deployment().task() != Task.CHAT
        || !call.method().equals("POST")) {
      return null;
    }
    return new TokenMeter(call.access().grant());
  }

  /** The body the replica gets: a stream asks for its usage. */
  byte[] request(byte[] body) {
    JsonNode json;
    try {
      json = Json.object(body);
    } catch (RuntimeException e) {
      return body; // the replica says what is wrong with it
    }
    if (!json.path("stream").asBoolean(false)
        || json.path("stream_options").path("include_usage").asBoolean(false)) {
      return body;
    }
    var obj = (ObjectNode) json;
    JsonNode options = obj.get("stream_options");
    var with = options instanceof ObjectNode o ? o : obj.putObject("stream_options");
    with.put("include_usage", true);
    dropUsageChunk = true;
    return obj.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Where the answer's body goes on its way to the client; {@code reframed}: its length is not
   * fixed yet (chunked), so an event may be left out.
   */
  OutputStream answer(OutputStream client, boolean eventStream, boolean reframed) {
    dropUsageChunk &= reframed;
    return eventStream ? new Events(client) : new Whole(client);
  }

  /** Charges the usage in one answer or chunk, if it has one. */
  void charge(byte[] json, int off, int len) {
    try {
      JsonNode usage =
          Json.object(java.util.Arrays.copyOfRange(json, off, off + len)).path("usage");
      long total = usage.path("total_tokens").asLong(0);
      if (total <= 0) {
        total = usage.path("prompt_tokens").asLong(0) + usage.path("completion_tokens").asLong(0);
      }
      grant.charge(total);
    } catch (RuntimeException e) {
      // not JSON (an error page): nothing to charge
    }
  }

  /** A whole (non-streamed) answer, passed on as it comes and read for its usage at the end. */
  private final class Whole extends FilterOutputStream {
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private boolean tooLarge;

    Whole(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      tooLarge |= seen.size() + len > MAX_WHOLE;
      if (!tooLarge) {
        seen.write(b, off, len);
      }
      out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void close() throws IOException {
      if (!tooLarge) {
        byte[] all = seen.toByteArray();
        charge(all, 0, all.length);
      }
      super.close();
    }
  }

  /**
   * Server-sent events, passed on whole: an event whose data carries {@code usage} is charged, and
   * dropped when only the meter asked for it (its choices are empty).
   */
  private final class Events extends FilterOutputStream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Events(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      pending.write(b, off, len);
      byte[] buf = pending.toByteArray();
      int start = 0;
      for (int end; (end = eventEnd(buf, start)) > 0; start = end) {
        event(buf, start, end);
      }
      pending.reset();
      pending.write(buf, start, buf.length - start);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void close() throws IOException {
      pending.writeTo(out); // an unfinished event, as the replica left it
      super.close();
    }

    private void event(byte[] buf, int start, int end) throws IOException {
      String text = new String(buf, start, end - start, StandardCharsets.UTF_8);
      int data = text.indexOf("data:");
      if (data >= 0 && reportsUsage(text)) {
        byte[] json = text.substring(data + 5).strip().getBytes(StandardCharsets.UTF_8);
        charge(json, 0, json.length);
        if (dropUsageChunk && usageOnly(json)) {
          return;
        }
      }
      out.write(buf, start, end - start);
    }

    private boolean usageOnly(byte[] json) {
      try {
        JsonNode chunk = Json.object(json);
        return chunk.path("choices").isArray() && chunk.path("choices").isEmpty();
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /**
   * Whether an event's data carries a usage object: with include_usage every chunk has {@code
   * "usage": null}, and only the last one is worth parsing (this runs once a token).
   */
  static boolean reportsUsage(String event) {
    int at = event.indexOf("\"usage\"");
    if (at < 0) {
      return false;
    }
    int i = at + 7;
    while (i < event.length()
        && (event.charAt(i) == ':' || Character.isWhitespace(event.charAt(i)))) {
      i++;
    }
    return i < event.length() && event.charAt(i) == '{';
  }

  /** The index just past the blank line that ends the event starting at {@code from}, or -1. */
  static int eventEnd(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\n' && b[i + 1] == '\n') {
        return i + 2;
      }
      if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') {
        return i + 3;
      }
    }
    return -1;
  }
}
