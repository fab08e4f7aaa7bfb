package dev.mixserve.cli.models;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Fetches files into a folder, each checked against its size and sha256 before it takes its name (a
 * file in the folder is whole or absent), skipping those already there and right.
 */
public final class ModelFetch {
  /** Where the sources are: {@code BASE/OWNER/REPO/COMMIT/PATH}. */
  public static final URI DEFAULT_BASE = URI.create("https://raw.githubusercontent.com/");

  private final URI base;
  private final Path dir;
  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** Progress goes to {@code out}, one line per file fetched; problems to {@code err}. */
  public ModelFetch(URI base, Path dir, PrintStream out, PrintStream err) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.dir = dir;
    this.out = out;
    this.err = err;
  }

  /** What happened: counts, and whether it stopped because the server could not be reached. */
  public record Result(int fetched, int present, int failed, boolean unreachable) {
    public boolean ok() {
      return failed == 0 && !unreachable;
    }
  }

  public Result fetchAll(List<TestModelFiles.Entry> files) {
    int fetched = 0;
    int present = 0;
    int failed = 0;
    for (var f : files) {
      Path target = dir.resolve(f.path());
      try {
        if (Files.isRegularFile(target)) {
          if (matches(target, f)) {
            present++;
            continue;
          }
          out.println("replacing " + f.path() + ": its size or sha256 is not the listed one");
        }
        String problem = fetch(f, target);
        if (problem == null) {
          fetched++;
          out.println("fetched " + f.path() + " (" + f.size() + " bytes)");
        } else {
          failed++;
          err.println("error: " + f.path() + ": " + problem);
        }
      } catch (ConnectException | UnknownHostException | HttpConnectTimeoutException e) {
        err.println(
            "error: cannot reach "
                + base.getHost()
                + " ("
                + e.getClass().getSimpleName()
                + "); offline? Copy a ../shared/models folder from another machine instead,"
                + " or give --from a mirror");
        return new Result(fetched, present, failed, true);
      } catch (IOException e) {
        failed++;
        err.println("error: " + f.path() + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(fetched, present, failed + 1, false);
      }
    }
    return new Result(fetched, present, failed, false);
  }

  /** Null when {@code target} now holds the file, else why not. */
  private String fetch(TestModelFiles.Entry f, Path target)
      throws IOException, InterruptedException {
    URI url = base.resolve(f.source());
    Files.createDirectories(target.getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET().build(),
              HttpResponse.BodyHandlers.ofFile(part));
      if (response.statusCode() != 200) {
        return "HTTP " + response.statusCode() + " from " + url;
      }
      long size = Files.size(part);
      if (size != f.size()) {
        return "got " + size + " bytes from " + url + ", expected " + f.size();
      }
      String sha = sha256(part);
      if (!sha.equals(f.sha256())) {
        return "sha256 " + sha + " of the file from " + url + " is not the listed " + f.sha256();
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return null;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private static boolean matches(Path file, TestModelFiles.Entry f) throws IOException {
    return Files.size(file) == f.size() && sha256(file).equals(f.sha256());
  }

  static String sha256(Path file) throws IOException {
    return dev.mixserve.core.download.FileHash.sha256(file);
  }
}
