package dev.mixserve.gateway.upstream;

import dev.mixserve.gateway.auth.Credentials;
import dev.mixserve.gateway.http.Call;
import io.helidon.http.Header;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The bytes of a call as the upstream gets them: request line, end-to-end headers, body. */
public final class UpstreamRequest {
  /** Per-hop headers (RFC 9110 §7.6.1) and those framing this hop, which we set ourselves. */
  public static final Set<String> PER_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "host",
          "content-length",
          "expect",
          "http2-settings");

  private UpstreamRequest() {}

  /** The head, then the body if any, in one array so that it leaves in one write. */
  static byte[] encode(Call call, URI base) {
    return encode(call, base, null);
  }

  /** As {@link #encode(Call, URI)}, with {@code body} in place of the call's when not null. */
  static byte[] encode(Call call, URI base, byte[] replaced) {
    String method = call.method();
    boolean bodyless = method.equals("GET") || method.equals("HEAD");
    byte[] body = bodyless ? new byte[0] : replaced != null ? replaced : call.body();
    String query = call.request().query().rawValue();
    var head = new StringBuilder(512);
    head.append(method).append(' ').append(base.getRawPath()).append(rawPath(call.path()));
    if (!query.isEmpty()) {
      head.append('?').append(query);
    }
    head.append(" HTTP/1.1\r\nHost: ").append(base.getRawAuthority()).append("\r\n");
    String credentials = credentials(call);
    if (credentials != null) {
      head.append(credentials);
    }
    for (Header h : call.request().headers()) {
      String lower = h.headerName().lowerCase();
      boolean theirs = credentials != null && Credentials.presents(lower);
      if (!PER_HOP.contains(lower) && !theirs) {
        for (String v : h.allValues()) {
          head.append(h.name()).append(": ").append(v).append("\r\n");
        }
      }
    }
    if (!bodyless) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  // With keys on, only a request let in with a key the server holds reaches a replica.
  private static String credentials(Call call) {
    var rt = call.bound();
    if (rt == null) {
      return null;
    }
    boolean keysOn = call.access() != null && call.access().key() != null;
    return UpstreamCredentials.replacement(rt.deployment(), keysOn);
  }

  /** The decoded path as it goes on the wire again; most paths need no escaping. */
  public static String rawPath(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "/-._~".indexOf(c) >= 0)) {
        try {
          return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("path cannot be forwarded: " + path, e);
        }
      }
    }
    return path;
  }
}
