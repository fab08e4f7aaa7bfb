package dev.mixserve.engine.onnx;

import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A model file shipped inside a jar, as a file ONNX Runtime can open: unpacked once into {@code
 * CACHE/models/builtin/} under a name with the entry's CRC, so that another version of the jar gets
 * its own file and a start after the first reads it straight from disk (inflating 130 MB took
 * seconds of the start-up, and held them on the heap).
 */
final class Builtin {
  private Builtin() {}

  static InputStream open(String name) {
    InputStream in = Builtin.class.getResourceAsStream(name);
    if (in == null) {
      throw ServeException.unavailable(
          "builtin model file " + name + " is not on the class path", 60);
    }
    return in;
  }

  static Path file(String name, Path cacheDir) {
    URL url = Builtin.class.getResource(name);
    if (url == null) {
      throw ServeException.unavailable(
          "builtin model file " + name + " is not on the class path", 60);
    }
    try {
      if (url.getProtocol().equals("file")) {
        return Path.of(url.toURI()); // classes in a folder (an IDE): the file is there already
      }
      var entry = ((JarURLConnection) url.openConnection()).getJarEntry();
      String base = name.substring(name.lastIndexOf('/') + 1);
      int dot = base.lastIndexOf('.');
      String file =
          base.substring(0, dot) + "-" + Long.toHexString(entry.getCrc()) + base.substring(dot);
      Path target = cacheDir.resolve("models").resolve("builtin").resolve(file);
      if (!Files.isRegularFile(target) || Files.size(target) != entry.getSize()) {
        unpack(name, target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot unpack builtin model " + name + " into " + cacheDir + ": " + e.getMessage(), e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Written beside the target and moved in whole: a reader never sees half a model. */
  private static void unpack(String name, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try (InputStream in = open(name)) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
