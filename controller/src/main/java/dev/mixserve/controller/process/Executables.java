package dev.mixserve.controller.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds a program the way ProcessBuilder does: a path as given, a bare name on this PATH. */
final class Executables {
  private Executables() {}

  static Optional<Path> find(String program, String searchPath) {
    if (program.contains(File.separator)) {
      return Optional.of(Path.of(program)).filter(Files::isExecutable);
    }
    String dirs = searchPath == null ? "" : searchPath;
    return Arrays.stream(dirs.split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, program))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }
}
