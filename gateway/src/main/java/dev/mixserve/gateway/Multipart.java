package dev.mixserve.gateway;

import dev.mixserve.api.error.ServeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * multipart/form-data (RFC 7578) read from a body already in memory (its size was checked while
 * reading). Only what form uploads use: a name, an optional filename, and the bytes.
 */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  /** One part; {@code filename} is null for plain fields. */
  record Part(String name, String filename, byte[] data) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  static String boundary(String contentType) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw ServeException.invalid("multipart/form-data without a boundary parameter");
    }
    return m.group(1);
  }

  /** Parts by name, in order of appearance; repeated names keep every part. */
  static Map<String, List<Part>> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    var parts = new LinkedHashMap<String, List<Part>>();
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw ServeException.invalid("malformed multipart body: no boundary line");
    }
    while (true) {
      int lineEnd = at + delimiter.length;
      if (lineEnd + 1 < body.length && body[lineEnd] == '-' && body[lineEnd + 1] == '-') {
        return parts; // closing delimiter
      }
      int headersStart = lineEnd + 2; // CRLF after the delimiter
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      int next = indexOf(body, delimiter, Math.max(headersStart, headersEnd));
      if (headersEnd < 0 || next < 0) {
        throw ServeException.invalid("malformed multipart body: a part is not terminated");
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      Part p = part(headers, body, headersEnd + 4, next - 2); // CRLF before the next delimiter
      parts.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
      at = next;
    }
  }

  private static Part part(String headers, byte[] body, int from, int to) {
    Matcher name = NAME.matcher(headers);
    if (!name.find()) {
      throw ServeException.invalid("malformed multipart body: a part has no name");
    }
    Matcher file = FILENAME.matcher(headers);
    byte[] data = new byte[Math.max(0, to - from)];
    System.arraycopy(body, from, data, 0, data.length);
    return new Part(name.group(1), file.find() ? file.group(1) : null, data);
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
