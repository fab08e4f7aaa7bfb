package dev.mixserve.bench.hostile;

import dev.mixserve.api.Edge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Clients that hold a connection open by sending slowly or not at all: each case ends when the
 * server cuts them off under its edge timeouts, or after {@link #GIVE_UP_SECONDS}.
 */
final class SlowAttacks {
  /** Far above any edge timeout the bench configures: past it the server has failed the case. */
  static final int GIVE_UP_SECONDS = 60;

  static final int SLOWLORIS = 200;
  static final int TRICKLERS = 10;
  static final int PARTIALS = 10;
  static final int DECLARED = 64 << 20;
  static final int SENT = 32 << 20;

  private static final byte[] CHUNK = Conn.bytes("a".repeat(1 << 20));

  private SlowAttacks() {}

  /** Request heads that never end, a byte a second; the header timeout should cut them. */
  static String slowloris(int port) throws Exception {
    byte[] head =
        Conn.bytes("GET /-/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + "x".repeat(500));
    var tally = new Tally(true);
    parallel(SLOWLORIS, () -> trickle(port, new byte[0], head, tally));
    return SLOWLORIS + " heads at 1 B/s: " + tally.summary();
  }

  /** Bodies of a declared length sent a byte a second; the minimum body rate should cut them. */
  static String trickledBody(int port) throws Exception {
    byte[] head =
        Conn.bytes(
            "POST /echo/v1/embeddings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
    byte[] body = Conn.bytes("{\"input\":\"" + "a".repeat(500));
    var tally = new Tally(true);
    parallel(TRICKLERS, () -> trickle(port, head, body, tally));
    return TRICKLERS + " bodies at 1 B/s: " + tally.summary();
  }

  /** Sends {@code head} at once, then {@code slow} a byte a second until the server answers. */
  private static void trickle(int port, byte[] head, byte[] slow, Tally tally) {
    try (var c = new Conn(port)) {
      boolean open = c.send(head);
      for (int i = 0; open && i < Math.min(slow.length, GIVE_UP_SECONDS); i++) {
        open = c.send(slow, i, 1) && !c.await(1000);
      }
      tally.add(c.hear(5000), c.opened());
    } catch (Exception e) {
      tally.add("client failed: " + e, -1, true);
    }
  }

  /**
   * Connections that declare a 64 MiB body, send half of it as fast as they can, then stall: the
   * server holds what came in memory until its body timeout cuts them.
   */
  static String partialBodies(int port) throws Exception {
    byte[] head =
        Conn.bytes(
            "POST /bulk/v1/embeddings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + DECLARED
                + "\r\n\r\n{\"input\":\"");
    var sent = new Tally(false);
    var stalled = new Tally(true);
    var sending = new Tally(true);
    parallel(PARTIALS, () -> partial(port, head, sent, sending, stalled));
    return "64 MiB declared, "
        + sent.summary()
        + (sending.size() > 0 ? "; answered while sending: " + sending.summary() : "")
        + (stalled.size() > 0 ? "; after the stall: " + stalled.summary() : "");
  }

  private static void partial(int port, byte[] head, Tally sent, Tally sending, Tally stalled) {
    try (var c = new Conn(port)) {
      boolean open = c.send(head);
      int bytes = 0;
      for (; open && bytes < SENT && !c.answering(); bytes += CHUNK.length) {
        open = c.send(CHUNK);
      }
      long stall = System.nanoTime();
      sent.add((bytes >> 20) + " MiB sent", (stall - c.opened()) / 1_000_000, false);
      if (c.answering() || !open) {
        sending.add(c.hear(5000), c.opened());
      } else {
        stalled.add(c.hear(GIVE_UP_SECONDS * 1000), stall);
      }
    } catch (Exception e) {
      stalled.add("client failed: " + e, -1, true);
    }
  }

  /**
   * Uploads that together declare exactly the body memory (64 MiB each and one for the rest, which
   * an attacker finds by bisection, as a 503 comes at once) and keep coming at twice the minimum
   * body rate. The server reserves a declared length when the body starts, so these hold the budget
   * every other request's body needs for as long as they keep sending (64 MiB at 32 KiB/s is over
   * half an hour).
   */
  static String budgetHold(int port, Duration length) throws Exception {
    long budget = Edge.DEFAULT.bodyMemoryBytes();
    var sizes = new ArrayList<>(Collections.nCopies((int) (budget / DECLARED), (long) DECLARED));
    if (budget % DECLARED > 0) {
      sizes.add(budget % DECLARED);
    }
    var tally = new Tally(true);
    long end = System.nanoTime() + length.toNanos();
    parallel(sizes.stream().<Runnable>map(n -> () -> hold(port, n, end, tally)).toList());
    return sizes.size()
        + " root uploads declaring "
        + budget / (1 << 20)
        + " MiB in all, 32 KiB/s each, for "
        + length.toSeconds()
        + " s: "
        + tally.summary();
  }

  /**
   * One upload that holds {@code size} bytes of the budget; a 503 at once means another request's
   * body held the few bytes it needs just then, and it tries again, as an attacker would.
   */
  private static void hold(int port, long size, long end, Tally tally) {
    byte[] head =
        Conn.bytes(
            "POST /v1/embeddings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + size
                + "\r\n\r\n");
    int pace = (int) (2 * Edge.DEFAULT.bodyMinRate());
    for (int attempt = 1; ; attempt++) {
      try (var c = new Conn(port)) {
        boolean open = c.send(head) && !c.await(100);
        if (!open && attempt < 100 && c.heard().statuses().equals(List.of(503))) {
          Thread.sleep(10); // the attacker's pace between tries
          continue;
        }
        for (long left = size; open && System.nanoTime() < end; ) {
          int n = (int) Math.min(pace, left - 1); // never the last byte: the body never ends
          open = c.send(CHUNK, 0, n) && !c.await(1000); // the pace of the upload
          left -= n;
        }
        tally.add(c.hear(100), c.opened());
        return;
      } catch (Exception e) {
        tally.add("client failed: " + e, -1, true);
        return;
      }
    }
  }

  /** Runs {@code n} copies of {@code task} on virtual threads and waits for all. */
  static void parallel(int n, Runnable task) throws InterruptedException {
    parallel(Collections.nCopies(n, task));
  }

  static void parallel(List<Runnable> tasks) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (Runnable task : tasks) {
      threads.add(Thread.ofVirtual().name("attacker").start(task));
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
