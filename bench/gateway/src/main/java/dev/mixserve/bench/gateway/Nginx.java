package dev.mixserve.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An nginx of our own: its config, pid and logs in a temporary prefix, run as a child in the
 * foreground so that it goes away with us and never touches the system's nginx.
 */
final class Nginx implements AutoCloseable {
  /** What the upstream answers: the size of a small embeddings response. */
  static final String BODY =
      "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
          + "\"embedding\":[0.01,0.02,0.03,0.04]}],\"model\":\"up\"}";

  private final Process process;

  private Nginx(Process process) {
    this.process = process;
  }

  /** Answers every request with 200 and {@link #BODY}, nothing read from disk. */
  static Nginx upstream(Path binary, Path dir, int port) throws IOException {
    String server =
        """
        server {
          listen 127.0.0.1:%d;
          default_type application/json;
          location / { return 200 '%s'; }
        }
        """
            .formatted(port, BODY);
    return start(binary, dir.resolve("upstream"), server);
  }

  /** Proxies /up/ to the upstream over kept-alive HTTP/1.1 connections, as one would deploy it. */
  static Nginx proxy(Path binary, Path dir, int port, int upstreamPort, Path[] tls)
      throws IOException {
    // TLS as a tuned nginx would serve it: session cache, TLS 1.2 and 1.3, its default ciphers.
    String ssl =
        tls == null
            ? ""
            : " ssl;\n  ssl_certificate %s;\n  ssl_certificate_key %s;\n  ssl_session_cache shared:S:10m"
                .formatted(tls[0], tls[1]);
    String server =
        """
        upstream up { server 127.0.0.1:%d; keepalive 64; keepalive_requests 1000000; }
        server {
          listen 127.0.0.1:%d%s;
          location /up/ {
            proxy_pass http://up/;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
          }
        }
        """
            .formatted(upstreamPort, port, ssl);
    return start(binary, dir.resolve("proxy"), server);
  }

  private static Nginx start(Path binary, Path prefix, String server) throws IOException {
    Files.createDirectories(prefix.resolve("tmp"));
    String conf =
        """
        worker_processes auto;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 4096; }
        http {
          access_log off;
          keepalive_requests 1000000;
          client_body_temp_path %1$s/tmp/body;
          proxy_temp_path %1$s/tmp/proxy;
          fastcgi_temp_path %1$s/tmp/fastcgi;
          uwsgi_temp_path %1$s/tmp/uwsgi;
          scgi_temp_path %1$s/tmp/scgi;
        %2$s}
        """
            .formatted(prefix, server.indent(2));
    Path file = prefix.resolve("nginx.conf");
    Files.writeString(file, conf);
    var pb =
        new ProcessBuilder(
            binary.toString(),
            "-p",
            prefix.toString(),
            "-e",
            prefix.resolve("error.log").toString(),
            "-c",
            file.toString(),
            "-g",
            "daemon off;");
    pb.redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile());
    return new Nginx(pb.start());
  }

  Process process() {
    return process;
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: the master stops its workers before it exits
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
