package dev.mixserve.gateway.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request target made canonical once, before anything routes on it, by the front door and the
 * handler alike: RFC 3986 §6.2.2 (percent-encoded unreserved characters decoded, other escapes in
 * upper case, dot-segments removed). Routing then sees one spelling of each path, so a prefix check
 * cannot be stepped around with {@code /embeddings/../-/status} or {@code /%2d/status}; what cannot
 * be made canonical is refused, never guessed at.
 *
 * @param rawPath the canonical path as it goes on the wire
 * @param path the canonical path decoded (UTF-8), what routing matches
 * @param query the raw query without its '?', or "" when there is none
 * @param authority the authority of an absolute-form target (RFC 9112 §3.2.2), or null
 */
public record RequestTarget(String rawPath, String path, String query, String authority) {
  /** A target that cannot be made canonical; the request is answered 400. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** KServe's Hugging Face runtime serves the OpenAI API under /openai/v1; so do we. */
  public static String openAiPrefix(String path) {
    return path.startsWith("/openai/v1/") || path.equals("/openai/v1")
        ? path.substring("/openai".length())
        : path;
  }

  /** The raw path and query as they go on the wire after this hop. */
  public String wire() {
    return query.isEmpty() ? rawPath : rawPath + '?' + query;
  }

  public static RequestTarget parse(String target) throws Invalid {
    String authority = null;
    String rest = target;
    int scheme = schemeEnd(target);
    if (scheme > 0) {
      int from = scheme + 3;
      int end = from;
      while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
        end++;
      }
      authority = target.substring(from, end);
      if (authority.isEmpty() || authority.indexOf('@') >= 0) {
        throw new Invalid("an absolute-form target needs a plain host[:port]");
      }
      rest =
          end == target.length() || target.charAt(end) == '?'
              ? "/" + target.substring(end)
              : target.substring(end);
    } else if (!target.startsWith("/")) {
      throw new Invalid("the request target must start with '/' or be an absolute http URL");
    }
    int q = rest.indexOf('?');
    String raw = q < 0 ? rest : rest.substring(0, q);
    String query = q < 0 ? "" : rest.substring(q + 1);
    checkQuery(query);
    String canonical = removeDotSegments(percentNormalized(raw));
    String decoded = decode(canonical);
    if (hasDotSegment(decoded)) {
      throw new Invalid("an encoded '/' or '.' makes a dot-segment: " + raw);
    }
    return new RequestTarget(canonical, decoded, query, authority);
  }

  /** Index of "://" after an http or https scheme, or -1. */
  private static int schemeEnd(String t) {
    int i = t.indexOf("://");
    if (i <= 0) {
      return -1;
    }
    String s = t.substring(0, i);
    if (s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https")) {
      return i;
    }
    return -1;
  }

  private static boolean unreserved(int c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** pchar and '/' (RFC 3986 §3.3), '%' checked where it stands. */
  private static boolean pathChar(int c) {
    return unreserved(c) || "!$&'()*+,;=:@/%".indexOf(c) >= 0;
  }

  private static String percentNormalized(String raw) throws Invalid {
    var out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!pathChar(c)) {
        throw new Invalid(
            c < 0x21 || c > 0x7e
                ? "a character outside printable ASCII in the path"
                : "'" + c + "' must be percent-encoded in a path");
      }
      if (c != '%') {
        out.append(c);
        continue;
      }
      int v = i + 2 < raw.length() ? hex(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
      if (v < 0) {
        throw new Invalid("'%' not followed by two hex digits in the path");
      }
      if (v == 0) {
        throw new Invalid("an encoded NUL in the path");
      }
      if (unreserved(v)) {
        out.append((char) v);
      } else {
        out.append('%').append(Character.toUpperCase(raw.charAt(i + 1)));
        out.append(Character.toUpperCase(raw.charAt(i + 2)));
      }
      i += 2;
    }
    return out.toString();
  }

  private static int hex(char a, char b) {
    int h = Character.digit(a, 16);
    int l = Character.digit(b, 16);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }

  /** RFC 3986 §5.2.4, except that climbing above the root is refused rather than clamped. */
  private static String removeDotSegments(String path) throws Invalid {
    if (path.indexOf('.') < 0) {
      return path;
    }
    var segments = new java.util.ArrayList<String>();
    String[] parts = path.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String s = parts[i];
      boolean last = i == parts.length - 1;
      if (s.equals(".")) {
        if (last) {
          segments.add("");
        }
      } else if (s.equals("..")) {
        if (segments.isEmpty()) {
          throw new Invalid("'..' above the root of the path");
        }
        segments.removeLast();
        if (last) {
          segments.add("");
        }
      } else {
        segments.add(s);
      }
    }
    return "/" + String.join("/", segments);
  }

  private static boolean hasDotSegment(String decoded) {
    for (String s : decoded.split("/", -1)) {
      if (s.equals(".") || s.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static String decode(String canonical) throws Invalid {
    if (canonical.indexOf('%') < 0) {
      return canonical;
    }
    var bytes = new ByteArrayOutputStream(canonical.length());
    for (int i = 0; i < canonical.length(); i++) {
      char c = canonical.charAt(i);
      if (c == '%') {
        bytes.write(hex(canonical.charAt(i + 1), canonical.charAt(i + 2)));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
          throw new Invalid("an encoded control character in the path");
        }
      }
      return s;
    } catch (CharacterCodingException e) {
      throw new Invalid("the path's escapes are not UTF-8");
    }
  }

  /** A query is passed on as it came, but only in printable ASCII and without a fragment. */
  private static void checkQuery(String query) throws Invalid {
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '#') {
        throw new Invalid("the query holds a character that must be percent-encoded");
      }
    }
  }
}
