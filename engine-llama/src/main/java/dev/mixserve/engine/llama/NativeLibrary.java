package dev.mixserve.engine.llama;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the binding safe to load. Its loader extracts libjllama.so into {@code
 * de.kherud.llama.tmpdir} (default: java.io.tmpdir) and first deletes every file named llama* or
 * jllama* there, which would take other programs' files with it; so unless the property is set, it
 * is pointed at a private folder under the mixserve cache before the class is first touched.
 */
final class NativeLibrary {
  static final String TMPDIR = "de.kherud.llama.tmpdir";
  private static final System.Logger LOG = System.getLogger("llama.cpp");
  private static boolean ready;

  private NativeLibrary() {}

  static synchronized void prepare(Path cacheDir) {
    if (ready) {
      return;
    }
    String given = System.getProperty(TMPDIR);
    Path dir = given != null ? Path.of(given) : cacheDir.resolve("native").resolve("llama");
    try {
      Files.createDirectories(dir); // the loader does not create it
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    System.setProperty(TMPDIR, dir.toAbsolutePath().toString());
    LlamaModel.setLogger(LogFormat.TEXT, NativeLibrary::log);
    ready = true;
  }

  // llama.cpp reports every slot event at INFO; that is debug detail for a server log.
  private static void log(LogLevel level, String message) {
    Level l =
        switch (level) {
          case ERROR -> Level.ERROR;
          case WARN -> Level.WARNING;
          default -> Level.DEBUG;
        };
    if (LOG.isLoggable(l)) {
      LOG.log(l, message.stripTrailing());
    }
  }
}
