package dev.mixserve.scheduler.inventory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A machine captured under test resources: files at their absolute path below the root
 * (sys/class/drm/..., proc/cpuinfo), tool output in cmd/ named after the command line. A command
 * without a file is a tool that is not installed.
 */
record FakeProbe(Path root, List<List<String>> ran) implements SystemProbe {
  static FakeProbe machine(String name) {
    try {
      var url = FakeProbe.class.getResource("/machines/" + name);
      return new FakeProbe(Path.of(url.toURI()), new ArrayList<>());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String key(List<String> command) {
    return String.join(" ", command).replaceAll("[^A-Za-z0-9.=,-]", "_");
  }

  @Override
  public Optional<String> run(List<String> command) {
    ran.add(command);
    return read(root.resolve("cmd").resolve(key(command)));
  }

  @Override
  public Optional<String> read(Path file) {
    Path p = file.startsWith(root) ? file : root.resolve(file.toString().substring(1));
    try {
      return Optional.of(Files.readString(p));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Path> list(Path dir) {
    Path p = root.resolve(dir.toString().substring(1));
    if (!Files.isDirectory(p)) {
      return List.of();
    }
    try (var s = Files.list(p)) {
      return s.map(x -> dir.resolve(x.getFileName().toString())).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
