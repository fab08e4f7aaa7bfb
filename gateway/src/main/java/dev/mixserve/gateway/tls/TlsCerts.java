package dev.mixserve.gateway.tls;

import dev.mixserve.api.Tls;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The certificate the public port presents, read again when its files change: certbot and
 * cert-manager renew by replacing them (cert-manager through a Secret volume's {@code ..data} link
 * swap, which no file event names), so the files are read every {@link #CHECK} and compared by
 * content. A renewed pair that cannot be used leaves the old one in place, and says why once.
 * Connections keep the certificate they started with; new ones get the new one.
 */
public final class TlsCerts implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TlsCerts.class.getName());
  static final Duration CHECK = Duration.ofSeconds(2);

  private final Path cert;
  private final Path key;
  private volatile PemIdentity.Loaded current;
  private byte[] seen;
  private String lastFailure;
  private final Thread watcher;

  private TlsCerts(Path cert, Path key, PemIdentity.Loaded first) {
    this.cert = cert;
    this.key = key;
    this.current = first;
    this.seen = fingerprint();
    this.watcher = Thread.ofVirtual().name("mixserve-tls-watch").start(this::watch);
  }

  /** Reads the pair; an unusable one stops the start-up with the reason. */
  public static TlsCerts open(Tls tls) {
    Path cert = Path.of(tls.cert());
    Path key = Path.of(tls.key());
    try {
      var first = PemIdentity.load(cert, key);
      LOG.log(Level.INFO, "TLS on: " + describe(first));
      return new TlsCerts(cert, key, first);
    } catch (PemIdentity.Invalid e) {
      throw new IllegalArgumentException("server.tls: " + e.getMessage());
    }
  }

  /** An engine for one new connection: server side, HTTP/1.1 offered by ALPN. */
  public SSLEngine engine() {
    SSLEngine engine = current.context().createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters p = engine.getSSLParameters();
    p.setApplicationProtocols(new String[] {"http/1.1"});
    engine.setSSLParameters(p);
    return engine;
  }

  public PemIdentity.Loaded current() {
    return current;
  }

  /** Reads the files now; true when a new pair was taken. */
  synchronized boolean check() {
    byte[] now = fingerprint();
    if (Arrays.equals(now, seen)) {
      return false;
    }
    try {
      var next = PemIdentity.load(cert, key);
      current = next;
      seen = now;
      lastFailure = null;
      LOG.log(Level.INFO, "TLS certificate reloaded: " + describe(next));
      return true;
    } catch (PemIdentity.Invalid e) {
      // A renewal half written (the cert before the key) reads as a mismatch: try again later,
      // and say so once rather than every CHECK.
      if (!e.getMessage().equals(lastFailure)) {
        lastFailure = e.getMessage();
        LOG.log(Level.WARNING, "TLS certificate not reloaded, keeping the old one: " + lastFailure);
      }
      return false;
    }
  }

  private void watch() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(CHECK);
        check();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "TLS certificate check failed: " + e);
      }
    }
  }

  private byte[] fingerprint() {
    try {
      var md = MessageDigest.getInstance("SHA-256");
      for (Path p : new Path[] {cert, key}) {
        try {
          md.update(Files.readAllBytes(p));
        } catch (IOException e) {
          md.update(("missing " + p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(PemIdentity.Loaded l) {
    var leaf = l.leaf();
    return leaf.getSubjectX500Principal().getName()
        + ", valid until "
        + leaf.getNotAfter().toInstant()
        + (l.chain().size() > 1 ? ", chain of " + l.chain().size() : "");
  }

  @Override
  public void close() {
    watcher.interrupt();
  }
}
