package dev.mixserve.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A client connection handed to the gateway's handler: from the request the front door did not take
 * on, every byte in both directions is copied between the client and a connection of its own to the
 * handler's listener, unread. Whatever HTTP does there (100-continue, upgrades, chunked uploads,
 * streamed answers, pipelining) works as the handler does it.
 */
final class FrontSplice implements FrontLoop.Handler {
  private final FrontClient client;
  private final SocketChannel inner;
  private final SelectionKey innerKey;
  private ByteBuffer toInner;
  private ByteBuffer toClient;
  private boolean connected;
  private boolean clientEof;

  FrontSplice(FrontClient client, byte[] buffered, int length) throws IOException {
    this.client = client;
    this.inner = client.loop.connect(client.loop.front.inner());
    this.innerKey = inner.register(client.loop.selector, SelectionKey.OP_CONNECT, this);
    this.toInner = ByteBuffer.wrap(java.util.Arrays.copyOf(buffered, length));
  }

  @Override
  public void ready(SelectionKey key) throws IOException {
    boolean justConnected = key.isConnectable();
    if (justConnected) {
      inner.finishConnect();
      connected = true;
    }
    if (key.isValid() && (justConnected || key.isWritable())) {
      toInner = FrontLoop.drain(inner, toInner);
    }
    if (key.isValid() && key.isReadable()) {
      byte[] buf = client.loop.scratch;
      int n = inner.read(ByteBuffer.wrap(buf));
      if (n < 0) {
        // The handler closed; what it sent still goes out, then the client is closed too.
        if (toClient == null) {
          client.close();
        } else {
          client.closeAfterFlush = true;
          interest();
        }
        return;
      }
      var b = ByteBuffer.wrap(buf, 0, n);
      client.ch.write(b);
      if (b.hasRemaining()) {
        toClient = FrontLoop.copy(b);
      }
    }
    interest();
  }

  /** Events on the client's own socket, passed on by its connection. */
  void clientReady(SelectionKey key) throws IOException {
    if (key.isWritable()) {
      toClient = FrontLoop.drain(client.ch, toClient);
      if (toClient == null && client.closeAfterFlush) {
        client.close();
        return;
      }
    }
    if (key.isValid() && key.isReadable()) {
      byte[] buf = client.loop.scratch;
      int n = client.ch.read(ByteBuffer.wrap(buf));
      if (n < 0) {
        clientEof = true;
        if (connected) {
          inner.shutdownOutput(); // the handler finishes what it was asked, then closes
        }
      } else if (n > 0) {
        var b = ByteBuffer.wrap(buf, 0, n);
        if (connected && toInner == null) {
          inner.write(b);
        }
        if (b.hasRemaining()) {
          toInner = append(toInner, b);
        }
      }
    }
    interest();
  }

  private void interest() {
    if (!innerKey.isValid() || !client.key.isValid()) {
      return;
    }
    int in =
        !connected
            ? SelectionKey.OP_CONNECT
            : (toInner != null ? SelectionKey.OP_WRITE : 0)
                | (toClient == null && !client.closeAfterFlush ? SelectionKey.OP_READ : 0);
    innerKey.interestOps(in);
    int out =
        (toClient != null ? SelectionKey.OP_WRITE : 0)
            | (toInner == null && !clientEof ? SelectionKey.OP_READ : 0);
    client.key.interestOps(out);
  }

  @Override
  public void failed(Exception e) {
    client.close();
  }

  void close() {
    innerKey.cancel();
    FrontLoop.close(inner);
  }

  private static ByteBuffer append(ByteBuffer pending, ByteBuffer more) {
    if (pending == null) {
      return FrontLoop.copy(more);
    }
    var c = ByteBuffer.allocate(pending.remaining() + more.remaining());
    c.put(pending).put(more).flip();
    return c;
  }
}
