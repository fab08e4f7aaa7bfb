package dev.mixserve.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Debian's nginx in the foreground, proxying to mixserve with its default proxy settings. */
public final class Nginx implements AutoCloseable {
  private final Process process;
  private final int port;

  private Nginx(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  int port() {
    return port;
  }

  /** Only proxy_pass: HTTP/1.0 to the upstream, no keep-alive, buffering on, as shipped. */
  static Nginx start(Path nginx, int upstream) throws Exception {
    Path dir = Files.createTempDirectory("mixserve-nginx");
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("nginx.conf"),
        """
        daemon off;
        master_process off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d;
            location / { proxy_pass http://127.0.0.1:%3$d; }
          }
        }
        """
            .formatted(dir, port, upstream));
    var p =
        new ProcessBuilder(
                nginx.toString(), "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile())
            .start();
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end) {
      try (var s = new Socket("127.0.0.1", port)) {
        return new Nginx(p, port);
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        "nginx did not listen: " + Files.readString(dir.resolve("error.log")));
  }

  @Override
  public void close() {
    process.destroy();
  }
}
