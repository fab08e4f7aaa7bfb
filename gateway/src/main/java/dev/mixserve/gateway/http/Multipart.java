package dev.mixserve.gateway.http;

import dev.mixserve.api.error.ServeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * multipart/form-data (RFC 7578) read from a body already in memory (its size was checked while
 * reading). Only what form uploads use: a name, an optional filename, and the bytes.
 *
 * <p>A hostile body must cost no more than any other of its size: the boundary is held to RFC
 * 2046's 70 characters and the delimiters are found in linear time, so parsing is a few passes over
 * the body whatever it holds.
 */
public final class Multipart {
  /** RFC 2046 section 5.1.1: a boundary is 1 to 70 of these, not ending with the space. */
  static final int MAX_BOUNDARY = 70;

  private static final String BCHARS =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";

  /** Form uploads carry a few fields; thousands of parts are an attack on memory, not a form. */
  static final int MAX_PARTS = 1000;

  private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  /** One part; {@code filename} is null for plain fields. */
  public record Part(String name, String filename, byte[] data) {
    public String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  /** The boundary parameter of a Content-Type, quoted or not; 400 unless RFC 2046 allows it. */
  static String boundary(String contentType) {
    String value = parameter(contentType, "boundary");
    if (value == null) {
      throw ServeException.invalid("multipart/form-data without a boundary parameter");
    }
    if (value.isEmpty() || value.length() > MAX_BOUNDARY || value.endsWith(" ")) {
      throw badBoundary();
    }
    for (int i = 0; i < value.length(); i++) {
      if (BCHARS.indexOf(value.charAt(i)) < 0) {
        throw badBoundary();
      }
    }
    return value;
  }

  private static ServeException badBoundary() {
    return ServeException.invalid(
        "the multipart boundary must be 1 to "
            + MAX_BOUNDARY
            + " letters, digits or '()+_,-./:=? and space, not ending with a space (RFC 2046)");
  }

  /**
   * A parameter's value (RFC 9110 section 5.6.6: token or quoted-string; names are
   * case-insensitive), null when absent. Quoted values end at the next quote: backslash escapes
   * cannot occur in a valid boundary, and the caller refuses what they would leave behind.
   */
  private static String parameter(String contentType, String wanted) {
    int i = contentType.indexOf(';');
    int n = contentType.length();
    while (i >= 0 && i < n) {
      i++; // past ';'
      while (i < n && (contentType.charAt(i) == ' ' || contentType.charAt(i) == '\t')) {
        i++;
      }
      int eq = i;
      while (eq < n && contentType.charAt(eq) != '=' && contentType.charAt(eq) != ';') {
        eq++;
      }
      String name = contentType.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      if (eq == n || contentType.charAt(eq) == ';') {
        i = eq; // a parameter without a value: skip it
        continue;
      }
      int start = eq + 1;
      String value;
      int end;
      if (start < n && contentType.charAt(start) == '"') {
        int close = contentType.indexOf('"', start + 1);
        if (close < 0) {
          if (name.equals(wanted)) {
            throw badBoundary();
          }
          return null; // nothing after an open quote can be read as a parameter
        }
        value = contentType.substring(start + 1, close);
        end = close + 1;
      } else {
        end = start;
        while (end < n
            && contentType.charAt(end) != ';'
            && contentType.charAt(end) != ' '
            && contentType.charAt(end) != '\t') {
          end++;
        }
        value = contentType.substring(start, end);
      }
      int next = contentType.indexOf(';', end);
      String rest = contentType.substring(end, next < 0 ? n : next);
      if (name.equals(wanted)) {
        if (!rest.isBlank()) {
          throw badBoundary(); // "a b" unquoted, or text after the closing quote
        }
        return value;
      }
      i = next;
    }
    return null;
  }

  /** Parts by name, in order of appearance; repeated names keep every part. */
  static Map<String, List<Part>> parse(byte[] body, String boundary) {
    byte[] dashes = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    // Every delimiter but a first one at the very start of the body follows a CRLF, which belongs
    // to the delimiter: "--boundary" elsewhere in a part is data.
    var delimiter = new ByteSearch(("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
    var headersEnd = new ByteSearch(HEADERS_END);
    int at; // just past the boundary of the delimiter line we are on
    if (startsWith(body, 0, dashes)) {
      at = dashes.length;
    } else {
      int first = delimiter.find(body, 0, body.length);
      if (first < 0) {
        throw ServeException.invalid("malformed multipart body: no boundary line");
      }
      at = first + delimiter.length();
    }
    var parts = new LinkedHashMap<String, List<Part>>();
    int count = 0;
    while (true) {
      if (startsWith(body, at, "--".getBytes(StandardCharsets.ISO_8859_1))) {
        return parts; // the closing delimiter; what follows is the epilogue
      }
      int line = at;
      while (line < body.length && (body[line] == ' ' || body[line] == '\t')) {
        line++; // transport padding
      }
      if (!startsWith(body, line, "\r\n".getBytes(StandardCharsets.ISO_8859_1))) {
        throw ServeException.invalid("malformed multipart body: a boundary line goes on");
      }
      int headersStart = line + 2;
      // headers end with a blank line; with no headers, the delimiter's CRLF starts it
      int blank = headersEnd.find(body, headersStart - 2, body.length);
      if (blank < 0) {
        throw ServeException.invalid("malformed multipart body: a part has no end of headers");
      }
      // from the blank line's second CRLF on: it may be the next delimiter's, for an empty part
      int next = delimiter.find(body, blank + 2, body.length);
      if (next < 0) {
        throw ServeException.invalid("malformed multipart body: a part is not terminated");
      }
      if (++count > MAX_PARTS) {
        throw ServeException.invalid(
            "a multipart body of more than " + MAX_PARTS + " parts is not a form upload");
      }
      String headers =
          new String(body, headersStart, Math.max(0, blank - headersStart), StandardCharsets.UTF_8);
      Part p = part(headers, body, blank + HEADERS_END.length, next);
      parts.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
      at = next + delimiter.length();
    }
  }

  private static boolean startsWith(byte[] body, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > body.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (body[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
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
}
