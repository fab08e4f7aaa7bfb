package dev.mixserve.bench.hostile;

import java.io.ByteArrayOutputStream;

/** Requests whose harm is in what they are, not in how slowly they come. */
final class RequestAttacks {
  static final int BOUNDARY = 15_000;
  static final int UPLOAD = 2 << 20;
  static final int UPLOADS = 2;
  static final int SMUGGLES = 3;

  private RequestAttacks() {}

  /**
   * Form uploads to the root transcription path (the form is parsed to find the model, so no speech
   * engine is needed) whose boundary is 15,000 dashes, over a body of runs of dashes that stop one
   * short of a delimiter: a byte-by-byte delimiter search costs body × boundary on it.
   */
  static String longBoundary(int port) throws Exception {
    String boundary = "-".repeat(BOUNDARY);
    var request = new ByteArrayOutputStream();
    request.writeBytes(
        Conn.bytes(
            "POST /v1/audio/transcriptions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: multipart/form-data; boundary="
                + boundary
                + "\r\nContent-Length: "
                + UPLOAD
                + "\r\n\r\n"));
    request.writeBytes(nearMisses(UPLOAD, BOUNDARY - 1));
    byte[] bytes = request.toByteArray();
    var tally = new Tally(false);
    SlowAttacks.parallel(UPLOADS, () -> upload(port, bytes, tally));
    return UPLOADS + " × 2 MiB, 15,000-char boundary: " + tally.summary();
  }

  private static void upload(int port, byte[] request, Tally tally) {
    try (var c = new Conn(port)) {
      c.send(request); // an early answer may close before all of it is taken; it still counts
      tally.add(c.hearOne(SlowAttacks.GIVE_UP_SECONDS * 2000), c.opened());
    } catch (Exception e) {
      tally.add("client failed: " + e, -1, true);
    }
  }

  /** {@code size} bytes of "x\r\n" followed by {@code run} dashes, over and over. */
  private static byte[] nearMisses(int size, int run) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      int at = i % (run + 3);
      b[i] = at == 0 ? (byte) 'x' : at == 1 ? (byte) '\r' : at == 2 ? (byte) '\n' : (byte) '-';
    }
    return b;
  }

  /**
   * {@code Connection: close} on a request the server refuses before reading its body, a body that
   * is itself a request to a deployment nothing else calls: one answer, a closed connection, and
   * that deployment's request counter unchanged, or the body ran as a request.
   */
  static String smuggling(int port, Scrape scrape) throws Exception {
    String hidden =
        "POST /hidden/v1/embeddings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"input\":\"a\"}";
    String series = "mixserve_requests_total{deployment=\"hidden\",status=\"200\"}";
    double before = scrape.value(series);
    var tally = new Tally(true);
    for (int i = 0; i < SMUGGLES; i++) {
      for (String target : new String[] {"POST /nowhere", "PUT /-/healthz"}) {
        String request =
            target
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: "
                + hidden.length()
                + "\r\n\r\n"
                + hidden;
        try (var c = new Conn(port)) {
          c.send(Conn.bytes(request));
          var heard = c.hear(3000);
          int n = heard.statuses().size();
          tally.add(
              (n == 1 ? "1 answer (" : n + " answers (") + heard.label() + ")", -1, heard.closed());
        }
      }
    }
    double ran = scrape.value(series) - before;
    return tally.summary()
        + "; hidden request "
        + (ran == 0 ? "not run" : "RAN " + (long) ran + " times");
  }
}
