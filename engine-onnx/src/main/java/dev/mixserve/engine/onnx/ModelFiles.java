package dev.mixserve.engine.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an ONNX model and its tokenizer.json come from: {@code builtin:NAME} (files shipped in a
 * Maven artifact on the class path, unpacked once into the cache: see {@link Builtin}), a directory
 * in Hugging Face layout, or an .onnx file with tokenizer.json beside it. The model stays a file:
 * ONNX Runtime reads it itself, and its 130 MB never pass through the Java heap.
 */
record ModelFiles(String id, Path onnx, byte[] tokenizerJson) {
  static final String BGE_SMALL = "bge-small-en-v1.5";

  static ModelFiles resolve(String model, Path cacheDir) {
    if (isBuiltin(model)) {
      return new ModelFiles(
          BGE_SMALL,
          Builtin.file("/" + BGE_SMALL + ".onnx", cacheDir),
          resource("/" + BGE_SMALL + "-tokenizer.json"));
    }
    Path p = Path.of(model);
    Path onnx = Files.isDirectory(p) ? firstExisting(p, "model.onnx", "onnx/model.onnx") : p;
    Path dir = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
    Path tok = firstExisting(dir, "tokenizer.json", "../tokenizer.json");
    if (!Files.isRegularFile(onnx)) {
      throw new IllegalArgumentException("cannot read model file " + onnx + ": no such file");
    }
    return new ModelFiles(p.getFileName().toString(), onnx, read(tok));
  }

  /** The same model for the same text, whichever way it was named: what sharing goes by. */
  static String key(String model) {
    if (isBuiltin(model)) {
      return "builtin:" + BGE_SMALL;
    }
    if (model.startsWith("builtin:")) {
      throw new IllegalArgumentException(
          "unknown builtin model '"
              + model
              + "'; the builtin is builtin:"
              + BGE_SMALL
              + " (or give a directory with model.onnx and tokenizer.json)");
    }
    return Path.of(model).toAbsolutePath().normalize().toString();
  }

  private static boolean isBuiltin(String model) {
    return model.isEmpty() || model.equals("builtin:" + BGE_SMALL);
  }

  private static Path firstExisting(Path dir, String... names) {
    for (String n : names) {
      Path c = dir.resolve(n).normalize();
      if (Files.isRegularFile(c)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "no " + List.of(names) + " in " + dir + " (expected a Hugging Face ONNX model folder)");
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read model file " + p + ": " + e.getMessage());
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = Builtin.open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
