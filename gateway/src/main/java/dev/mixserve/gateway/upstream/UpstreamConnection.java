package dev.mixserve.gateway.upstream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection to an upstream, used by one request at a time on the caller's (virtual)
 * thread: blocking reads park the thread, no selector or executor hop in between.
 */
public final class UpstreamConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private long idleSince;
  private boolean reused;

  private UpstreamConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16384);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
  }

  static UpstreamConnection open(URI base, Duration connectTimeout) throws IOException {
    boolean tls = "https".equals(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    var socket = new Socket();
    try {
      socket.setTcpNoDelay(true); // the request goes out in one write; don't hold it back
      socket.connect(new InetSocketAddress(base.getHost(), port), (int) connectTimeout.toMillis());
      return new UpstreamConnection(tls ? tls(socket, base.getHost(), port) : socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static Socket tls(Socket plain, String host, int port) throws IOException {
    var s =
        (SSLSocket)
            ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true);
    var params = s.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS"); // SSLSocket checks no host name by itself
    s.setSSLParameters(params);
    s.startHandshake();
    return s;
  }

  InputStream in() {
    return in;
  }

  OutputStream out() {
    return out;
  }

  /** The longest silence allowed on the next reads. */
  void readTimeout(Duration timeout) throws IOException {
    // Rounded up to whole seconds, so that the deadlines of one deployment (its timeout less a few
    // ms of queueing) repeat and the socket is not told the same again: that cost 0.7% of the
    // proxy's CPU in a profile. A read may so outlive its deadline by under a second, never cut it.
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    int millis = (int) Math.min(Integer.MAX_VALUE, seconds * 1000);
    if (millis != soTimeout) {
      socket.setSoTimeout(millis);
      soTimeout = millis;
    }
  }

  /** Whether it served a request before; such a one may have been closed by the upstream since. */
  boolean reused() {
    return reused;
  }

  private int soTimeout = -1;

  void idle() {
    reused = true;
    idleSince = System.nanoTime();
  }

  long idleNanos() {
    return System.nanoTime() - idleSince;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a socket that failed; nothing left to do
    }
  }
}
