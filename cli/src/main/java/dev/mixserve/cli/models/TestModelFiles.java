package dev.mixserve.cli.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files of the test models folder (../shared/models), each with where it comes from: kept in
 * the jar (test-models.tsv) so that fetching never depends on a copy of the folder's manifest.
 */
public final class TestModelFiles {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private TestModelFiles() {}

  /**
   * One file: its path in the folder, size in bytes, sha256 (lower-case hex) and source, {@code
   * OWNER/REPO/COMMIT/PATH} under a raw-file server such as raw.githubusercontent.com.
   */
  public record Entry(String path, long size, String sha256, String source) {
    public Entry {
      if (path.startsWith("/") || path.contains("..")) {
        throw new IllegalArgumentException("not a relative path: " + path);
      }
      if (size < 0 || !SHA256.matcher(sha256).matches()) {
        throw new IllegalArgumentException("bad size or sha256 for " + path);
      }
    }
  }

  /** The list in the jar. */
  public static List<Entry> list() {
    var in = TestModelFiles.class.getResourceAsStream("test-models.tsv");
    if (in == null) {
      throw new IllegalStateException("test-models.tsv is missing from the jar");
    }
    try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(r.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Entry> parse(List<String> lines) {
    List<Entry> out = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 4) {
        throw new IllegalArgumentException("expected path, size, sha256, source: " + line);
      }
      out.add(new Entry(f[0], Long.parseLong(f[1]), f[2], f[3]));
    }
    return List.copyOf(out);
  }
}
