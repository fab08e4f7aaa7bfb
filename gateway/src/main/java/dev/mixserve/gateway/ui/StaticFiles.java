package dev.mixserve.gateway.ui;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.gateway.http.Call;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The pages under /ui, read from this jar's {@code ui/} resources: plain HTML, CSS and ES modules,
 * no build step. Every answer carries a Content-Security-Policy that allows this origin only, so a
 * page cannot reach anything outside the server, whatever a later edit of it tries.
 */
final class StaticFiles {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /**
   * Only these names: no dot-dot, no encoded separators, nothing the class loader resolves oddly.
   */
  private static final Pattern NAME =
      Pattern.compile("(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_.-]*");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "txt", "text/plain; charset=utf-8");

  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  void serve(Call call, String path) {
    if (path.equals("/ui")) {
      call.response().status(Status.FOUND_302);
      call.response().header(HeaderNames.LOCATION, "/ui/");
      call.response().send();
      return;
    }
    String name = path.substring("/ui/".length());
    if (name.isEmpty()) {
      name = "index.html";
    }
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    Optional<byte[]> body =
        NAME.matcher(name).matches() && !name.contains("..") && type != null
            ? cache.computeIfAbsent(name, StaticFiles::load)
            : Optional.empty();
    if (body.isEmpty()) {
      throw ServeException.notFound("no page " + path + "; the dashboard starts at /ui/");
    }
    var res = call.response();
    res.header(HeaderNames.CONTENT_TYPE, type);
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    res.header(HeaderNames.create("Content-Security-Policy"), CSP);
    res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
    res.send(body.get());
  }

  private static Optional<byte[]> load(String name) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("/ui/" + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
