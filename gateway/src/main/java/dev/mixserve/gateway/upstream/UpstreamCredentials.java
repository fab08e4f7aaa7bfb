package dev.mixserve.gateway.upstream;

import dev.mixserve.api.ClusterKey;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.controller.KindLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a replica outside this JVM is sent for the client's credentials ({@code Authorization},
 * {@code api-key}, {@code x-api-key}), on the front door's direct path and the handler's alike. The
 * cluster's own workers and the engine processes this server supervises get them as they came (a
 * worker checks the key itself). An upstream of someone else's (engine kind {@code upstream}, not a
 * member) gets its own key when the deployment names a file holding it (engine option {@value
 * #KEY_FILE}: a mounted Secret, re-read when it changes), else, with keys on, none: the client's
 * key is this server's, a secret the upstream has no use for. With keys off the client's
 * credentials pass as they came: a client may be sending the upstream's own key through.
 */
public final class UpstreamCredentials {
  /** Engine option: a file holding the upstream's own API key, sent as a bearer token. */
  public static final String KEY_FILE = "api_key_file";

  private static final ConcurrentHashMap<Path, Read> READ = new ConcurrentHashMap<>();

  private record Read(FileTime modified, String line) {}

  private UpstreamCredentials() {}

  /**
   * The header lines to send in place of the client's credentials: null to pass them as they came,
   * empty for none, else the upstream's own key.
   */
  public static String replacement(Deployment d, boolean keysOn) {
    if (!KindLauncher.upstream(d) || ClusterKey.member(d)) {
      return null;
    }
    Object file = d.engine().options().get(KEY_FILE);
    if (file != null) {
      return line(Path.of(file.toString()));
    }
    return keysOn ? "" : null;
  }

  private static String line(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      Read r = READ.get(file);
      if (r == null || !r.modified().equals(modified)) {
        String key = Files.readString(file).strip();
        if (key.isEmpty() || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
          throw ServeException.unavailable(
              "the upstream's key file " + file + " is empty or holds more than one line", 5);
        }
        r = new Read(modified, "Authorization: Bearer " + key + "\r\n");
        READ.put(file, r);
      }
      return r.line();
    } catch (IOException e) {
      throw ServeException.unavailable(
          "the upstream's key file " + file + " cannot be read: " + e.getMessage(), 5);
    }
  }
}
