package dev.mixserve.gateway.front;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection from the front door to a replica. While a request uses it, its events go to that
 * request's client connection; while it idles in its loop's pool, a readable event can only mean
 * that the replica closed it, and it goes.
 */
public final class FrontUpstream implements FrontLoop.Handler {
  private static final Map<URI, InetSocketAddress> ADDRESSES = new ConcurrentHashMap<>();

  final FrontLoop loop;
  final URI base;
  final SocketChannel ch;
  final SelectionKey key;
  FrontExchange owner;
  long idleSince;
  boolean reused;
  boolean connected;

  private FrontUpstream(FrontLoop loop, URI base, SocketChannel ch) throws IOException {
    this.loop = loop;
    this.base = base;
    this.ch = ch;
    this.key = ch.register(loop.selector, SelectionKey.OP_CONNECT, this);
  }

  /**
   * The address of a replica whose URL names an IP address (process replicas, most upstreams), or
   * null for a host name: a name lookup would block the loop, so those go through the handler.
   */
  static InetSocketAddress address(URI base) {
    var known = ADDRESSES.get(base);
    if (known != null) {
      return known;
    }
    String host = base.getHost();
    if (host == null) {
      return null;
    }
    InetAddress ip;
    try {
      ip =
          InetAddress.ofLiteral(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int port = base.getPort() > 0 ? base.getPort() : base.getScheme().equals("https") ? 443 : 80;
    if (ADDRESSES.size() > 4096) {
      ADDRESSES.clear(); // replicas come and go on new ports; this is a cache, not a registry
    }
    var a = new InetSocketAddress(ip, port);
    ADDRESSES.put(base, a);
    return a;
  }

  static FrontUpstream open(FrontLoop loop, URI base, InetSocketAddress to) throws IOException {
    SocketChannel ch = loop.connect(to);
    try {
      return new FrontUpstream(loop, base, ch);
    } catch (IOException | RuntimeException e) {
      FrontLoop.close(ch);
      throw e;
    }
  }

  @Override
  public void ready(SelectionKey k) throws IOException {
    if (owner != null) {
      owner.upstreamReady(this);
      return;
    }
    // Idle: the replica closed it (or sent what nobody asked for); either way it is done.
    loop.unpark(this);
    close();
  }

  @Override
  public void failed(Exception e) {
    if (owner != null) {
      owner.upstreamFailed(this, e);
    } else {
      loop.unpark(this);
      close();
    }
  }

  /** Writes what it can now; returns whether all went. */
  boolean write(ByteBuffer b) throws IOException {
    ch.write(b);
    return !b.hasRemaining();
  }

  void close() {
    key.cancel();
    FrontLoop.close(ch);
  }
}
