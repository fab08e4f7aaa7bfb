package dev.mixserve.engine.llama;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Finds llama.cpp: the native library inside {@code de.kherud:llama}, extracted once into the
 * mixserve cache and opened for {@link Llama}.
 *
 * <p>The binding's own Java classes load the same file (its {@code de.kherud.llama.lib.path} is
 * pointed at it), so the JSON-schema converter they offer runs on the same library. Its loader also
 * deletes every file named llama* or jllama* in {@code de.kherud.llama.tmpdir} (default:
 * java.io.tmpdir), which would take other programs' files with it; unless that property is set, it
 * is pointed at a private folder.
 */
final class NativeLibrary {
  static final String TMPDIR = "de.kherud.llama.tmpdir";
  static final String LIB_PATH = "de.kherud.llama.lib.path";
  private static final System.Logger LOG = System.getLogger("llama.cpp");
  private static SymbolLookup lookup;

  private NativeLibrary() {}

  static synchronized void prepare(Path cacheDir) {
    if (lookup != null) {
      return;
    }
    Path nativeDir = cacheDir.resolve("native");
    String tmp = System.getProperty(TMPDIR);
    System.setProperty(TMPDIR, directory(tmp != null ? Path.of(tmp) : nativeDir.resolve("llama")));
    String given = System.getProperty(LIB_PATH);
    Path dir = given != null ? Path.of(given) : extract(nativeDir.resolve("llama-lib"));
    System.setProperty(LIB_PATH, dir.toAbsolutePath().toString());
    Path file = dir.resolve(System.mapLibraryName("jllama"));
    // The binding loads the file first and installs its own log callback; ours, set after, wins.
    LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {});
    lookup = SymbolLookup.libraryLookup(file, Arena.global());
    Llama.check();
    Llama.backendInit(logCallback());
  }

  static SymbolLookup lookup() {
    if (lookup == null) {
      throw new IllegalStateException("NativeLibrary.prepare was not called");
    }
    return lookup;
  }

  private static String directory(Path dir) {
    try {
      return Files.createDirectories(dir).toAbsolutePath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  // The file is rewritten only when its bytes differ, through a temporary file and a rename, so
  // that two servers starting at once never load a half-written library.
  private static Path extract(Path base) {
    String os = os();
    String arch = arch();
    String name = System.mapLibraryName("jllama");
    String resource = "de/kherud/llama/" + os + "/" + arch + "/" + name;
    Path dir = Path.of(directory(base.resolve(os + "-" + arch)));
    Path file = dir.resolve(name);
    try (InputStream in = LlamaModel.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("de.kherud:llama has no llama.cpp build for " + resource);
      }
      byte[] bytes = in.readAllBytes();
      if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
        return dir;
      }
      Path part = Files.createTempFile(dir, "extract", ".part");
      Files.write(part, bytes);
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract llama.cpp into " + dir, e);
    }
  }

  private static String os() {
    String n = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return n.contains("mac") ? "Mac" : n.contains("win") ? "Windows" : "Linux";
  }

  private static String arch() {
    String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return a.equals("amd64") || a.equals("x86_64") ? "x86_64" : a.equals("arm64") ? "aarch64" : a;
  }

  private static MemorySegment logCallback() {
    try {
      var handle =
          MethodHandles.lookup()
              .findStatic(
                  NativeLibrary.class,
                  "log",
                  MethodType.methodType(
                      void.class, int.class, MemorySegment.class, MemorySegment.class));
      return Linker.nativeLinker()
          .upcallStub(
              handle, FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS), Arena.global());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // An exception must not escape into native code.
  private static void log(int level, MemorySegment text, MemorySegment user) {
    try {
      String message = text.reinterpret(Long.MAX_VALUE).getString(0).stripTrailing();
      Level l = NativeLogLevel.of(level, message);
      if (LOG.isLoggable(l)) {
        LOG.log(l, message);
      }
    } catch (Throwable ignored) {
      // logging is best effort
    }
  }
}
