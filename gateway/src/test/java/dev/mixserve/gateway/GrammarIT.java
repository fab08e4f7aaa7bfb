package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One request grammar, whichever way a request goes: the same bytes are sent to the front door for
 * an engine in the JVM (its handler answers), to the front door for a replica (it forwards them
 * itself), and to a handler that takes its port alone. Each row says what the front door answers;
 * the handler alone must accept and refuse the same rows.
 */
public class GrammarIT {
  static RawUpstream upstream;
  static MixserveServer front;
  static MixserveServer handlerOnly;

  private static final String BODY = "{\"input\":\"a\"}";

  /** {P} is the path; a row's front status is what the front door answers, 200 for accepted. */
  record Row(String name, String request, int front, boolean aloneDiffers) {
    Row(String name, String request, int front) {
      this(name, request, front, false);
    }
  }

  static List<Row> rows() {
    String ok = "Host: x\r\nContent-Type: application/json\r\n";
    String cl = "Content-Length: 13\r\n";
    String chunkedBody = "d\r\n" + BODY + "\r\n0\r\n\r\n";
    return List.of(
        new Row("plain", "POST {P} HTTP/1.1\r\n" + ok + cl + "\r\n" + BODY, 200),
        new Row(
            "chunked",
            "POST {P} HTTP/1.1\r\n" + ok + "Transfer-Encoding: chunked\r\n\r\n" + chunkedBody,
            200),
        new Row(
            "chunked with extension",
            "POST {P} HTTP/1.1\r\n"
                + ok
                + "Transfer-Encoding: chunked\r\n\r\nd;x=1\r\n"
                + BODY
                + "\r\n0\r\n\r\n",
            400),
        new Row(
            "length with spaces around",
            "POST {P} HTTP/1.1\r\n" + ok + "Content-Length:   13  \r\n\r\n" + BODY,
            200),
        new Row(
            "length signed",
            "POST {P} HTTP/1.1\r\n" + ok + "Content-Length: +13\r\n\r\n" + BODY,
            400),
        new Row(
            "length in hex",
            "POST {P} HTTP/1.1\r\n" + ok + "Content-Length: 0xd\r\n\r\n" + BODY,
            400),
        new Row(
            "length listed twice in one",
            "POST {P} HTTP/1.1\r\n" + ok + "Content-Length: 13, 13\r\n\r\n" + BODY,
            400),
        new Row("length twice", "POST {P} HTTP/1.1\r\n" + ok + cl + cl + "\r\n" + BODY, 400),
        new Row(
            "length beyond a long",
            "POST {P} HTTP/1.1\r\n" + ok + "Content-Length: 99999999999999999999\r\n\r\n" + BODY,
            400),
        new Row(
            "length and chunked",
            "POST {P} HTTP/1.1\r\n" + ok + cl + "Transfer-Encoding: chunked\r\n\r\n" + chunkedBody,
            400),
        new Row(
            "coding other than chunked",
            "POST {P} HTTP/1.1\r\n" + ok + "Transfer-Encoding: gzip\r\n\r\n" + BODY,
            501),
        new Row(
            "chunked twice",
            "POST {P} HTTP/1.1\r\n"
                + ok
                + "Transfer-Encoding: chunked, chunked\r\n\r\n"
                + chunkedBody,
            501),
        new Row(
            "chunk size too long",
            "POST {P} HTTP/1.1\r\n"
                + ok
                + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n",
            400),
        new Row(
            "folded header",
            "POST {P} HTTP/1.1\r\n" + ok + "X-A: a\r\n b\r\n" + cl + "\r\n" + BODY,
            400),
        new Row(
            "space before colon",
            "POST {P} HTTP/1.1\r\n" + ok + "Content-Length : 13\r\n\r\n" + BODY,
            400),
        new Row(
            "no host",
            "POST {P} HTTP/1.1\r\nContent-Type: application/json\r\n" + cl + "\r\n" + BODY,
            400),
        new Row(
            "two hosts", "POST {P} HTTP/1.1\r\n" + ok + "Host: y\r\n" + cl + "\r\n" + BODY, 400),
        new Row(
            "bare LF",
            "POST {P} HTTP/1.1\n"
                + ok.replace("\r\n", "\n")
                + cl.replace("\r\n", "\n")
                + "\n"
                + BODY,
            400),
        // HTTP/1.0 is served by the front door (nginx's proxy_pass speaks it); Helidon alone
        // closes such a connection before any handler sees it: the one row where the handler
        // taking the port itself (front: off, not for public ports) refuses what the edge takes
        new Row("HTTP/1.0", "POST {P} HTTP/1.0\r\n" + ok + cl + "\r\n" + BODY, 200, true),
        new Row("HTTP/2.0", "POST {P} HTTP/2.0\r\n" + ok + cl + "\r\n" + BODY, 505),
        new Row("double space", "POST  {P} HTTP/1.1\r\n" + ok + cl + "\r\n" + BODY, 400),
        new Row(
            "bad header name",
            "POST {P} HTTP/1.1\r\n" + ok + "X(A): b\r\n" + cl + "\r\n" + BODY,
            400),
        new Row(
            "control byte in a value",
            "POST {P} HTTP/1.1\r\n" + ok + "X-A: a\u0001b\r\n" + cl + "\r\n" + BODY,
            400),
        new Row("absolute form", "POST http://x{P} HTTP/1.1\r\n" + ok + cl + "\r\n" + BODY, 200),
        new Row("asterisk", "OPTIONS * HTTP/1.1\r\n" + ok + "\r\n", 405),
        new Row(
            "unknown expectation",
            "POST {P} HTTP/1.1\r\n" + ok + "Expect: magic\r\n" + cl + "\r\n" + BODY,
            417),
        new Row(
            "100-continue",
            "POST {P} HTTP/1.1\r\n" + ok + "Expect: 100-continue\r\n" + cl + "\r\n" + BODY,
            200),
        new Row("dot-segments", "POST /x/y/../../{L} HTTP/1.1\r\n" + ok + cl + "\r\n" + BODY, 200),
        new Row("above the root", "POST /../{P} HTTP/1.1\r\n" + ok + cl + "\r\n" + BODY, 400),
        new Row(
            "encoded slash dot-segment",
            "POST /x/..%2F{L} HTTP/1.1\r\n" + ok + cl + "\r\n" + BODY,
            400),
        new Row("encoded NUL", "POST {P}%00 HTTP/1.1\r\n" + ok + cl + "\r\n" + BODY, 400),
        new Row(
            "header over 32 KiB",
            "POST {P} HTTP/1.1\r\n"
                + ok
                + "X-A: "
                + "a".repeat(33_000)
                + "\r\n"
                + cl
                + "\r\n"
                + BODY,
            431));
  }

  @BeforeAll
  static void start() throws Exception {
    upstream = new RawUpstream();
    front = HostileIT.start(upstream, "server: {host: 127.0.0.1, port: 0}\n");
    handlerOnly = HostileIT.start(upstream, "server: {host: 127.0.0.1, port: 0, front: \"off\"}\n");
  }

  @AfterAll
  static void stop() throws Exception {
    front.close();
    handlerOnly.close();
    upstream.close();
  }

  static int status(int port, Row row, String path, String last) throws Exception {
    var heard = Wire.first(port, row.request().replace("{P}", path).replace("{L}", last), 3000);
    return heard.status();
  }

  @Test
  void everyPathAcceptsAndRefusesTheSameRequests() throws Exception {
    var report = new ArrayList<String>();
    var wrong = new ArrayList<String>();
    for (Row row : rows()) {
      int inJvm = status(front.port(), row, "/echo/v1/embeddings", "echo/v1/embeddings");
      int direct = status(front.port(), row, "/raw/v1/embeddings", "raw/v1/embeddings");
      int alone = status(handlerOnly.port(), row, "/echo/v1/embeddings", "echo/v1/embeddings");
      report.add(
          "%-28s front/in-JVM %d  front/direct %d  handler alone %d"
              .formatted(row.name(), inJvm, direct, alone));
      boolean accepted = row.front() == 200;
      boolean aloneAgrees = (alone == 200) == accepted || row.aloneDiffers() && alone != 200;
      if (inJvm != row.front() || direct != row.front() || !aloneAgrees) {
        wrong.add(report.getLast() + "   (front should answer " + row.front() + ")");
      }
    }
    System.out.println(String.join("\n", report));
    assertThat(wrong).as(String.join("\n", report)).isEmpty();
  }
}
