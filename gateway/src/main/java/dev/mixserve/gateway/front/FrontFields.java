package dev.mixserve.gateway.front;

import static dev.mixserve.gateway.front.FrontHead.ACCEPT_ENCODING;
import static dev.mixserve.gateway.front.FrontHead.API_KEY;
import static dev.mixserve.gateway.front.FrontHead.AUTHORIZATION;
import static dev.mixserve.gateway.front.FrontHead.CLIENT_HEADER;
import static dev.mixserve.gateway.front.FrontHead.CLIENT_ID;
import static dev.mixserve.gateway.front.FrontHead.CONNECTION;
import static dev.mixserve.gateway.front.FrontHead.CONTENT_ENCODING;
import static dev.mixserve.gateway.front.FrontHead.CONTENT_LENGTH;
import static dev.mixserve.gateway.front.FrontHead.CONTENT_TYPE;
import static dev.mixserve.gateway.front.FrontHead.CORS_REQUEST_METHOD;
import static dev.mixserve.gateway.front.FrontHead.END_TO_END;
import static dev.mixserve.gateway.front.FrontHead.EXPECT;
import static dev.mixserve.gateway.front.FrontHead.HOST;
import static dev.mixserve.gateway.front.FrontHead.KEEP_ALIVE;
import static dev.mixserve.gateway.front.FrontHead.ORIGIN;
import static dev.mixserve.gateway.front.FrontHead.OTHER;
import static dev.mixserve.gateway.front.FrontHead.OTHER_PER_HOP;
import static dev.mixserve.gateway.front.FrontHead.REQUEST_TIMEOUT;
import static dev.mixserve.gateway.front.FrontHead.TRANSFER_ENCODING;
import static dev.mixserve.gateway.front.FrontHead.UPGRADE;
import static dev.mixserve.gateway.front.FrontHead.X_API_KEY;

import dev.mixserve.gateway.auth.Credentials;
import java.nio.charset.StandardCharsets;

/**
 * The header fields the front door knows by name, and what their values say about framing, the
 * connection and routing: one Content-Length of digits, chunked as the only transfer coding read,
 * Connection's tokens, Expect, Host, and the few end-to-end fields it reads on their way through.
 * Every other field passes unread ({@link FrontHead#OTHER}).
 */
final class FrontFields {
  private FrontFields() {}

  private static final String[] KNOWN = {
    "content-length",
    "transfer-encoding",
    "connection",
    "upgrade",
    "expect",
    "host",
    "x-request-timeout",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "http2-settings",
    CLIENT_HEADER,
    "content-type",
    "content-encoding",
    "accept-encoding",
    "origin",
    "access-control-request-method",
    Credentials.AUTHORIZATION,
    Credentials.API_KEY,
    Credentials.X_API_KEY
  };
  private static final int[] KIND_OF_KNOWN = {
    CONTENT_LENGTH,
    TRANSFER_ENCODING,
    CONNECTION,
    UPGRADE,
    EXPECT,
    HOST,
    REQUEST_TIMEOUT,
    KEEP_ALIVE,
    OTHER_PER_HOP,
    OTHER_PER_HOP,
    OTHER_PER_HOP,
    OTHER_PER_HOP,
    CLIENT_ID,
    CONTENT_TYPE,
    CONTENT_ENCODING,
    ACCEPT_ENCODING,
    ORIGIN,
    CORS_REQUEST_METHOD,
    AUTHORIZATION,
    API_KEY,
    X_API_KEY
  };

  /** The kind of the header named by {@code buf[from, to)}, compared without regard to case. */
  static int kind(byte[] buf, int from, int to) {
    int n = to - from;
    for (int k = 0; k < KNOWN.length; k++) {
      String known = KNOWN[k];
      if (known.length() != n) {
        continue;
      }
      int i = 0;
      while (i < n && (buf[from + i] | 0x20) == known.charAt(i)) {
        i++;
      }
      if (i == n) {
        return KIND_OF_KNOWN[k];
      }
    }
    return OTHER;
  }

  /**
   * Reads the value of a field line of {@code kind}, {@code buf(colon, to)}, into {@code h}, where
   * the front door reads it; {@code strict} for a request, held to one reading (RFC 9112).
   */
  static void read(FrontHead h, int kind, byte[] buf, int colon, int to, boolean strict)
      throws FrontHead.Malformed {
    if (kind == OTHER || kind >= KEEP_ALIVE && kind < END_TO_END) {
      return;
    }
    String value = new String(buf, colon + 1, to - colon - 1, StandardCharsets.ISO_8859_1).strip();
    switch (kind) {
      case CONTENT_LENGTH -> {
        long n = digits(value);
        if (n < 0) {
          throw new FrontHead.Malformed("Content-Length is not a number of bytes (1*DIGIT)");
        }
        if (h.contentLength >= 0 && (strict || h.contentLength != n)) {
          throw new FrontHead.Malformed("more than one Content-Length");
        }
        h.contentLength = n;
      }
      case TRANSFER_ENCODING -> {
        if (h.chunked || h.codings != null) {
          throw new FrontHead.Malformed("more than one Transfer-Encoding");
        }
        if (value.equalsIgnoreCase("chunked")) {
          h.chunked = true;
        } else if (strict) {
          h.codings = value; // understood by nobody here: 501, once the head is known to be whole
        } else {
          throw new FrontHead.Malformed("Transfer-Encoding other than chunked");
        }
      }
      case CONNECTION -> {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        h.close |= v.contains("close");
        h.keepAliveToken |= v.contains("keep-alive");
      }
      // Java's HttpClient offers h2c on every plain request; like nginx we answer in HTTP/1.1,
      // which declines it. Any other upgrade (WebSocket) is a protocol switch to pass on.
      case UPGRADE -> h.upgrade |= !value.equalsIgnoreCase("h2c");
      case EXPECT -> {
        h.expect = true;
        h.expectsContinue = value.equalsIgnoreCase("100-continue");
      }
      case HOST -> {
        h.host = value;
        h.hosts++;
      }
      case REQUEST_TIMEOUT -> h.timeoutHeader = true;
      case CONTENT_TYPE -> h.contentType = value;
      case CONTENT_ENCODING -> h.contentEncoding = value.toLowerCase(java.util.Locale.ROOT);
      case ACCEPT_ENCODING -> h.acceptsGzip |= Encodings.accepts(value, "gzip");
      case ORIGIN -> h.origin = value;
      case CORS_REQUEST_METHOD -> h.preflight = true;
      // the first of each, as the handler reads them (Helidon's first value)
      case AUTHORIZATION -> h.authorization = h.authorization == null ? value : h.authorization;
      case API_KEY -> h.apiKey = h.apiKey == null ? value : h.apiKey;
      case X_API_KEY -> h.xApiKey = h.xApiKey == null ? value : h.xApiKey;
      default -> {}
    }
  }

  /** A Content-Length value: 1 to 18 digits and nothing else, or -1. */
  private static long digits(String v) {
    if (v.isEmpty() || v.length() > 18) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
