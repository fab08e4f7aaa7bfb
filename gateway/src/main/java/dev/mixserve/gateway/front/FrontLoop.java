package dev.mixserve.gateway.front;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One event loop of the front door: a selector on one platform thread that accepts connections,
 * reads requests and moves bytes, never blocking. Everything a connection does happens on the loop
 * that accepted it, so its state needs no locks; its kept-alive replica connections are its own.
 */
public final class FrontLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(FrontLoop.class.getName());

  /** Whatever a selection key belongs to. */
  interface Handler {
    void ready(SelectionKey key) throws IOException;

    /** The connection broke or misbehaved; close what belongs to it. */
    void failed(Exception e);
  }

  /** Kept-alive replica connections idle longer than this are closed (uvicorn drops at 5 s). */
  static final long MAX_IDLE_UPSTREAM = 4_000_000_000L;

  private static final long SWEEP_NANOS = 200_000_000L;
  private static final int MAX_IDLE_PER_REPLICA = 256;

  final Front front;
  final Selector selector;
  private final ServerSocketChannel server;
  private final Set<FrontClient> clients = new HashSet<>();
  private final Set<FrontClient> buffered = new java.util.LinkedHashSet<>(); // see later()
  private final java.util.Queue<FrontClient> resumed =
      new java.util.concurrent.ConcurrentLinkedQueue<>(); // handshakes done on the pool
  private final Map<URI, ArrayDeque<FrontUpstream>> idle = new HashMap<>();
  private volatile boolean open = true;
  private long nextSweep;
  final byte[] scratch = new byte[16384]; // read buffer shared by this loop's splices
  private byte[] head = new byte[16384];

  /** This loop's array for writing an answer's head (and what fits of its body); reused. */
  byte[] head(int atLeast) {
    if (head.length < atLeast) {
      head = new byte[Math.max(atLeast, head.length * 2)];
    }
    return head;
  }

  FrontLoop(Front front, ServerSocketChannel server) throws IOException {
    this.front = front;
    this.server = server;
    this.selector = Selector.open();
    server.register(selector, SelectionKey.OP_ACCEPT);
  }

  @Override
  public void run() {
    try {
      while (open) {
        try {
          if (anyReadable()) {
            selector.selectNow(this::dispatch); // decrypted bytes wait: no sleeping on the socket
            readBuffered();
          } else {
            selector.select(this::dispatch, SWEEP_NANOS / 1_000_000);
          }
          long now = System.nanoTime();
          if (now - nextSweep >= 0) {
            nextSweep = now + SWEEP_NANOS;
            sweep(now);
          }
        } catch (RuntimeException e) {
          // a bug in one connection's handling must not take the others down with the loop
          LOG.log(Level.ERROR, "front door loop: unexpected failure, going on", e);
        }
      }
    } catch (IOException e) {
      LOG.log(Level.ERROR, "front door loop stopped", e);
    } finally {
      closeAll();
    }
  }

  /** A TLS client holds decrypted bytes that no socket event will announce: read them soon. */
  void later(FrontClient c) {
    buffered.add(c);
  }

  /** From the handshake pool: the client's TLS handshake may go on. */
  void resume(FrontClient c) {
    resumed.add(c);
    selector.wakeup();
  }

  private boolean anyReadable() {
    FrontClient r;
    while ((r = resumed.poll()) != null) {
      buffered.add(r);
    }
    if (buffered.isEmpty()) {
      return false;
    }
    buffered.removeIf(c -> !c.readable() && !c.wire.buffered());
    for (FrontClient c : buffered) {
      if (c.readable()) {
        return true;
      }
    }
    return false; // those left are paused: a later event that resumes them is checked again
  }

  private void readBuffered() {
    for (FrontClient c : List.copyOf(buffered)) {
      if (!c.readable()) {
        continue;
      }
      buffered.remove(c);
      try {
        c.readBuffered();
      } catch (IOException | RuntimeException e) {
        c.failed(e);
      }
    }
  }

  private void dispatch(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    if (key.attachment() == null) {
      accept();
      return;
    }
    var handler = (Handler) key.attachment();
    try {
      handler.ready(key);
    } catch (IOException | RuntimeException e) {
      handler.failed(e);
    }
  }

  private void accept() {
    // Every loop's selector watches the one listening socket; the loop that wins takes a few.
    for (int i = 0; i < 16; i++) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "accept failed", e);
        return;
      }
      if (ch == null) {
        return;
      }
      if (!front.admit()) {
        if (front.tls() == null) {
          turnAway(ch);
        } else {
          close(ch); // a TLS client cannot read a plain answer, and a handshake costs too much now
        }
        continue;
      }
      try {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        clients.add(new FrontClient(this, ch));
      } catch (IOException e) {
        front.left();
        close(ch);
      }
    }
  }

  void forget(FrontClient c) {
    buffered.remove(c);
    if (clients.remove(c)) {
      front.left();
    }
  }

  private static final byte[] TOO_MANY =
      new FrontReply(503, "too many connections; retry later", 1).bytes(true);

  /** One connection over the limit: told so in the few bytes a fresh socket surely takes. */
  private static void turnAway(SocketChannel ch) {
    try {
      ch.configureBlocking(false);
      ch.write(java.nio.ByteBuffer.wrap(TOO_MANY));
      ch.shutdownOutput();
    } catch (IOException e) {
      // it goes either way
    }
    close(ch);
  }

  /** A kept-alive connection to {@code base}, or null when none is idle. */
  FrontUpstream idle(URI base) {
    var q = idle.get(base);
    if (q == null) {
      return null;
    }
    FrontUpstream u;
    long now = System.nanoTime();
    while ((u = q.pollFirst()) != null) {
      if (now - u.idleSince < MAX_IDLE_UPSTREAM) {
        return u;
      }
      u.close();
    }
    return null;
  }

  /** Takes back a connection whose last answer ended cleanly; most recently used goes out first. */
  void park(FrontUpstream u) {
    var q = idle.computeIfAbsent(u.base, b -> new ArrayDeque<>());
    if (q.size() >= MAX_IDLE_PER_REPLICA) {
      u.close();
      return;
    }
    u.idleSince = System.nanoTime();
    q.addFirst(u);
  }

  void unpark(FrontUpstream u) {
    var q = idle.get(u.base);
    if (q != null) {
      q.remove(u);
    }
  }

  SocketChannel connect(InetSocketAddress to) throws IOException {
    var ch = SocketChannel.open();
    try {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.connect(to);
      return ch;
    } catch (IOException e) {
      close(ch);
      throw e;
    }
  }

  private void sweep(long now) {
    front.departures().sweep(now);
    for (FrontClient c : new ArrayList<>(clients)) {
      c.tick(now);
    }
    for (var q : idle.values()) {
      q.removeIf(
          u -> {
            boolean stale = now - u.idleSince >= MAX_IDLE_UPSTREAM;
            if (stale) {
              u.close();
            }
            return stale;
          });
    }
  }

  void stop() {
    open = false;
    selector.wakeup();
  }

  private void closeAll() {
    for (FrontClient c : new ArrayList<>(clients)) {
      c.failed(new IOException("front door closed"));
    }
    idle.values().forEach(q -> q.forEach(FrontUpstream::close));
    idle.clear();
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "selector close failed", e);
    }
  }

  /** Writes what the socket takes now; null once all of it went. */
  static java.nio.ByteBuffer drain(SocketChannel ch, java.nio.ByteBuffer b) throws IOException {
    if (b == null) {
      return null;
    }
    ch.write(b);
    return b.hasRemaining() ? b : null;
  }

  /** What is left of {@code b}, in a buffer of its own (b's array is reused after this). */
  static java.nio.ByteBuffer copy(java.nio.ByteBuffer b) {
    var c = java.nio.ByteBuffer.allocate(b.remaining());
    c.put(b).flip();
    return c;
  }

  static void close(java.nio.channels.Channel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing left to tell anyone
    }
  }
}
