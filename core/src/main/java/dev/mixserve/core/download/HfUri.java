package dev.mixserve.core.download;

import java.net.URI;

/**
 * A file in a Hugging Face repository: {@code hf://OWNER/REPO/PATH/IN/REPO}, optionally {@code
 * hf://OWNER/REPO@REVISION/FILE} (default revision "main").
 */
public record HfUri(String owner, String repo, String revision, String file) {
  public static final String SCHEME = "hf://";

  public HfUri {
    for (String part : new String[] {owner, repo, revision, file}) {
      if (part == null || part.isBlank() || part.contains("..") || part.startsWith("/")) {
        throw new IllegalArgumentException(
            "expected hf://OWNER/REPO/FILE, got a bad part '" + part + "'");
      }
    }
  }

  public static boolean matches(String model) {
    return model.startsWith(SCHEME);
  }

  public static HfUri parse(String uri) {
    if (!matches(uri)) {
      throw new IllegalArgumentException("expected hf://OWNER/REPO/FILE, got '" + uri + "'");
    }
    String[] p = uri.substring(SCHEME.length()).split("/", 3);
    if (p.length < 3) {
      throw new IllegalArgumentException("expected hf://OWNER/REPO/FILE, got '" + uri + "'");
    }
    String[] repoRev = p[1].split("@", 2);
    return new HfUri(p[0], repoRev[0], repoRev.length == 2 ? repoRev[1] : "main", p[2]);
  }

  /** Where the Hub serves the file: {@code ENDPOINT/OWNER/REPO/resolve/REVISION/FILE}. */
  public URI url(URI endpoint) {
    String base = endpoint.toString().replaceAll("/+$", "");
    return URI.create(base + "/" + owner + "/" + repo + "/resolve/" + revision + "/" + file);
  }

  /** Relative cache path: {@code hf/OWNER/REPO/REVISION/FILE}. */
  public String cachePath() {
    return "hf/" + owner + "/" + repo + "/" + revision + "/" + file;
  }

  @Override
  public String toString() {
    return SCHEME
        + owner
        + "/"
        + repo
        + (revision.equals("main") ? "" : "@" + revision)
        + "/"
        + file;
  }
}
