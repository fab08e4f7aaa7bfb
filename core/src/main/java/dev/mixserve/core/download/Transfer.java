package dev.mixserve.core.download;

import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** One HTTP GET into a .part file, continuing it with a Range request when it has bytes. */
final class Transfer {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes \\d+-\\d+/(\\d+)");

  private final HttpClient http;
  private final String token;
  private final PrintStream progress;

  Transfer(HttpClient http, String token, PrintStream progress) {
    this.http = http;
    this.token = token;
    this.progress = progress;
  }

  /** What the server promised: total size (-1 unknown) and sha256 (null unknown). */
  record Expected(long size, String sha256) {
    void verify(Path file, String what) throws IOException {
      long have = Files.size(file);
      if (size >= 0 && have != size) {
        Files.delete(file);
        throw ServeException.unavailable(
            what + ": downloaded " + have + " bytes, the server announced " + size, 5);
      }
      if (sha256 != null && !sha256.equals(Transfer.sha256(file))) {
        Files.delete(file);
        throw ServeException.unavailable(
            what + ": sha256 differs from the server's " + sha256 + "; download deleted", 5);
      }
    }
  }

  Expected into(URI url, Path part, String label) throws IOException, InterruptedException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    var request = HttpRequest.newBuilder(url).GET().header("User-Agent", "mixserve");
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<InputStream> r =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = r.body()) {
      return switch (r.statusCode()) {
        case 200 -> copy(body, part, 0, new Expected(length(r), sha256(r)), label);
        case 206 -> copy(body, part, have, new Expected(rangeTotal(r), sha256(r)), label);
        case 416 -> new Expected(have, sha256(r)); // the .part already holds everything
        default -> throw refused(r.statusCode(), url, label);
      };
    }
  }

  private Expected copy(InputStream body, Path part, long from, Expected e, String label)
      throws IOException {
    var bar = new ProgressBar(progress, label, e.size(), from);
    var mode = from == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
    long done = from;
    try (OutputStream out =
        Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = body.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        done += n;
        bar.update(done);
      }
    }
    bar.done(done);
    return e;
  }

  private static ServeException refused(int status, URI url, String label) {
    String why =
        switch (status) {
          case 401, 403 -> "access denied (a gated or private repository? set HF_TOKEN)";
          case 404 -> "no such file (check OWNER/REPO/FILE)";
          default -> "HTTP " + status;
        };
    return ServeException.unavailable("cannot download " + label + " from " + url + ": " + why, 60);
  }

  private static long length(HttpResponse<?> r) {
    return r.headers().firstValueAsLong("Content-Length").orElse(-1);
  }

  private static long rangeTotal(HttpResponse<?> r) {
    var m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse(""));
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * The Hub names an LFS file's sha256 in X-Linked-ETag (on its redirect) or ETag; other ETags (git
   * blob sha1s, CDN hashes) are not 64 hex digits and are ignored.
   */
  private static String sha256(HttpResponse<?> r) {
    for (Optional<HttpResponse<?>> hop = Optional.of(r); hop.isPresent(); ) {
      HttpHeaders h = hop.get().headers();
      for (String name : new String[] {"X-Linked-ETag", "ETag"}) {
        String v = h.firstValue(name).orElse("").replace("W/", "").replace("\"", "");
        if (SHA256.matcher(v.toLowerCase(Locale.ROOT)).matches()) {
          return v.toLowerCase(Locale.ROOT);
        }
      }
      hop = hop.get().previousResponse().map(p -> p);
    }
    return null;
  }

  static String sha256(Path file) throws IOException {
    return FileHash.sha256(file);
  }
}
