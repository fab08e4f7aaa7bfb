package dev.mixserve.scheduler.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The one seam through which detection touches the machine: tools, files, directories. */
public interface SystemProbe {
  /** Stdout of a command that exited 0, or empty when it is missing, fails or hangs. */
  Optional<String> run(List<String> command);

  /** A file's text, or empty when it cannot be read. */
  Optional<String> read(Path file);

  /** Entries of a directory, sorted by name; empty when it does not exist. */
  List<Path> list(Path dir);
}
