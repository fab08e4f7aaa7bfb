package dev.mixserve.cli.chat;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The text and Markdown files under a folder, read as UTF-8. */
public record DocsFolder(Path root) {
  private static final Set<String> TEXT = Set.of("txt", "md", "markdown", "text", "rst");
  private static final int MAX_DEPTH = 16;

  public DocsFolder {
    if (!Files.isDirectory(root)) {
      throw new DocsException("docs folder " + root + " does not exist or is not a folder");
    }
    if (!Files.isReadable(root) || !Files.isExecutable(root)) {
      throw new DocsException("docs folder " + root + " is not readable");
    }
  }

  /** Paths of the text files, sorted, so that chunk order and citations are stable. */
  public List<Path> files() {
    try (Stream<Path> s = Files.walk(root, MAX_DEPTH)) {
      var files =
          s.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(DocsFolder::isText)
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new DocsException("docs folder " + root + " holds no text files (" + TEXT + ")");
      }
      return files;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new DocsException("cannot list docs folder " + root + ": " + e.getMessage(), e);
    }
  }

  public String name(Path file) {
    return root.relativize(file).toString();
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DocsException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static String text(Path file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new DocsException(file + " is not UTF-8 text", e);
    }
  }

  private static boolean isText(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && TEXT.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
