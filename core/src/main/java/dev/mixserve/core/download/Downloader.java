package dev.mixserve.core.download;

import dev.mixserve.api.engine.ModelFetcher;
import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Fetches {@code hf://} models once into {@code CACHE/hf/OWNER/REPO/REVISION/FILE}, resuming an
 * interrupted download from its {@code .part} file and checking size and sha256 before the file
 * takes its final name (so a file in the cache is always whole). Local paths pass through.
 */
public final class Downloader implements ModelFetcher {
  /** System property, then environment variable, naming another Hub (a mirror, a test server). */
  public static final String ENDPOINT_PROPERTY = "mixserve.hf.endpoint";

  public static final String ENDPOINT_ENV = "MIXSERVE_HF_ENDPOINT";
  public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

  private final Path cacheRoot;
  private final URI endpoint;
  private final String token;
  private final PrintStream progress;
  private Transfer transfer;

  public Downloader(Path cacheRoot, URI endpoint, String token, PrintStream progress) {
    this.cacheRoot = cacheRoot;
    this.endpoint = endpoint;
    this.token = token;
    this.progress = progress;
  }

  /**
   * Made on the first download: an HTTP client loads TLS and its key store, which took 0.6-1.5 s of
   * a start that downloads nothing (#20).
   */
  private synchronized Transfer transfer() {
    if (transfer == null) {
      HttpClient http =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      transfer = new Transfer(http, token, progress);
    }
    return transfer;
  }

  /** Endpoint from {@value #ENDPOINT_PROPERTY} or {@value #ENDPOINT_ENV}, token from HF_TOKEN. */
  public static Downloader fromEnvironment(Path cacheRoot) {
    String ep = System.getProperty(ENDPOINT_PROPERTY, System.getenv(ENDPOINT_ENV));
    URI endpoint = ep == null || ep.isBlank() ? DEFAULT_ENDPOINT : URI.create(ep);
    return new Downloader(cacheRoot, endpoint, System.getenv("HF_TOKEN"), System.err);
  }

  @Override
  public Path fetch(String model) {
    if (!HfUri.matches(model)) {
      return ModelFetcher.LOCAL_ONLY.fetch(model);
    }
    HfUri uri = HfUri.parse(model);
    Path target = cacheRoot.resolve(uri.cachePath());
    return Files.isRegularFile(target) ? target : download(uri, target);
  }

  /** Where {@code model} is or would be cached. */
  public Path cachedPath(HfUri uri) {
    return cacheRoot.resolve(uri.cachePath());
  }

  // One download at a time per downloader: two requests for one file must not share a .part.
  private synchronized Path download(HfUri uri, Path target) {
    if (Files.isRegularFile(target)) {
      return target;
    }
    URI url = uri.url(endpoint);
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
      Transfer.Expected expected = transfer().into(url, part, uri.toString());
      expected.verify(part, uri.toString());
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (ConnectException | UnknownHostException | HttpTimeoutException e) {
      throw ServeException.unavailable(offline(uri, url, target, e), 60);
    } catch (IOException e) {
      throw ServeException.unavailable(
          "download of " + uri + " from " + url + " failed: " + e + "; it resumes on the next try",
          60);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServeException.unavailable("download of " + uri + " interrupted", 1);
    }
  }

  private static String offline(HfUri uri, URI url, Path target, Exception e) {
    return "cannot download "
        + uri
        + ": "
        + url.getHost()
        + " cannot be reached ("
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + "). Offline? Put the file at "
        + target
        + ", or give a local file path instead of the hf:// URI.";
  }
}
