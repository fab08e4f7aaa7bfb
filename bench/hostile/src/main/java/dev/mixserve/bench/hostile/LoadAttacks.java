package dev.mixserve.bench.hostile;

import dev.mixserve.bench.common.KeepAliveConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** More work than the server has room for, asked for and then walked away from, or not. */
final class LoadAttacks {
  /** The chat deployment's slots plus its queue: a round fills it without a 429. */
  static final int CHATS_PER_ROUND = 10;

  static final int CALLERS = 20;
  private static final Duration BACKOFF = Duration.ofMillis(100);
  private static final String CHAT =
      "{\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}],\"max_tokens\":8}";

  private LoadAttacks() {}

  /**
   * Rounds of non-streamed chats that would take a minute, whose clients leave after 200 ms, each
   * followed by a normal chat: if leaving does not free the slots, that chat waits behind them.
   */
  static String abandonedChats(int port, Duration length) throws Exception {
    byte[] slow = chat("@delay=60s never read");
    byte[] normal = chat("hello there");
    var left = new Tally(false);
    var next = new Tally(false);
    long end = System.nanoTime() + length.toNanos();
    int rounds = 0;
    do {
      SlowAttacks.parallel(CHATS_PER_ROUND, () -> abandon(port, slow, left));
      normalChat(port, normal, next);
      rounds++;
    } while (System.nanoTime() < end);
    return rounds
        + " rounds of "
        + CHATS_PER_ROUND
        + " chats (@delay=60s) left after 200 ms: "
        + left.summary()
        + "; a normal chat after each: "
        + next.summary();
  }

  /**
   * The chats that left are dropped from the queue when the server sees their connections close, a
   * moment after they did: a 429 here is tried once more 100 ms later, to tell a race from slots
   * that stay taken.
   */
  private static void normalChat(int port, byte[] request, Tally tally) throws Exception {
    Conn.Heard first;
    long sent;
    try (var c = new Conn(port)) {
      c.send(request);
      first = c.hearOne(15_000);
      sent = c.opened();
    }
    if (!first.statuses().equals(List.of(429))) {
      tally.add(first, sent);
      return;
    }
    Thread.sleep(100); // the client's backoff before its retry
    try (var c = new Conn(port)) {
      c.send(request);
      var again = c.hearOne(15_000);
      long millis = again.firstNanos() < 0 ? -1 : (again.firstNanos() - c.opened()) / 1_000_000;
      tally.add("429, then on a retry 100 ms later " + again.label(), millis, false);
    }
  }

  private static void abandon(int port, byte[] request, Tally tally) {
    try (var c = new Conn(port)) {
      c.send(request);
      if (c.await(200)) {
        tally.add(c.heard(), c.opened());
      } else {
        tally.add("left", -1, false);
      }
    } catch (IOException e) {
      tally.add("client failed: " + e, -1, true);
    }
  }

  private static byte[] chat(String content) {
    String body = CHAT.formatted(content);
    return Conn.bytes(
        "POST /talk/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body);
  }

  /**
   * {@link #CALLERS} clients calling the upstream deployment back to back, several times what its
   * replicas can take, while its health checks queue behind them. A refused caller waits {@link
   * #BACKOFF}, as real clients do, so that the case is an overload and not a flood of 429s.
   */
  static String overload(int port, Scrape scrape, Duration length) throws Exception {
    String before = scrape.text();
    var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
    var stop = new AtomicBoolean();
    byte[] body = "{\"input\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    Runnable caller =
        () -> {
          while (!stop.get()) {
            int status = calls(port, body, stop, statuses);
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            pause(); // refused: back off, then call again on a new connection
          }
        };
    var threads = new ArrayList<Thread>();
    for (int i = 0; i < CALLERS; i++) {
      threads.add(Thread.ofVirtual().name("caller-" + i).start(caller));
    }
    Thread.sleep(length); // the length of the overload, not a wait for anything
    stop.set(true);
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(30));
    }
    return CALLERS
        + " callers for "
        + length.toSeconds()
        + " s: "
        + answers(statuses)
        + "; "
        + ReplicaCounts.delta(before, scrape.text(), "slow");
  }

  /**
   * Calls on one kept-alive connection until a call is refused or fails, or {@code stop}; the
   * status that ended it (-1: the connection broke), which the caller counts.
   */
  private static int calls(
      int port, byte[] body, AtomicBoolean stop, Map<Integer, AtomicInteger> statuses) {
    try (var c = new KeepAliveConnection(port)) {
      while (!stop.get()) {
        int status = c.post("/slow/v1/embeddings", "application/json", body).status();
        if (status / 100 != 2) {
          return status;
        }
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(BACKOFF);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String answers(Map<Integer, AtomicInteger> statuses) {
    var sorted = new TreeMap<Integer, AtomicInteger>(statuses);
    sorted.remove(0); // stopped, not answered
    var out = new StringBuilder();
    sorted.forEach(
        (s, n) ->
            out.append(out.isEmpty() ? "" : ", ")
                .append(s < 0 ? "dropped" : s)
                .append(" × ")
                .append(n));
    return out.isEmpty() ? "no answers" : out.toString();
  }
}
