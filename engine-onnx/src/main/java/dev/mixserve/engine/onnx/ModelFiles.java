package dev.mixserve.engine.onnx;

import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an ONNX model and its tokenizer.json come from: {@code builtin:NAME} (files shipped in a
 * Maven artifact on the class path), a directory in Hugging Face layout, or an .onnx file with
 * tokenizer.json beside it.
 */
record ModelFiles(String id, byte[] onnx, byte[] tokenizerJson) {
  static final String BGE_SMALL = "bge-small-en-v1.5";

  static ModelFiles resolve(String model) {
    if (model.isEmpty() || model.equals("builtin:" + BGE_SMALL)) {
      return new ModelFiles(
          BGE_SMALL,
          resource("/" + BGE_SMALL + ".onnx"),
          resource("/" + BGE_SMALL + "-tokenizer.json"));
    }
    if (model.startsWith("builtin:")) {
      throw new IllegalArgumentException(
          "unknown builtin model '"
              + model
              + "'; the builtin is builtin:"
              + BGE_SMALL
              + " (or give a directory with model.onnx and tokenizer.json)");
    }
    Path p = Path.of(model);
    Path onnx = Files.isDirectory(p) ? firstExisting(p, "model.onnx", "onnx/model.onnx") : p;
    Path dir = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
    Path tok = firstExisting(dir, "tokenizer.json", "../tokenizer.json");
    return new ModelFiles(p.getFileName().toString(), read(onnx), read(tok));
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
    try (InputStream in = ModelFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw ServeException.unavailable(
            "builtin model file " + name + " is not on the class path", 60);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
