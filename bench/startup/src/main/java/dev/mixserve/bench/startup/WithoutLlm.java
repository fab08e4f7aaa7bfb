package dev.mixserve.bench.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * The build's embedded default config without its /llm deployment: the default LLM is a download
 * (offline it never loads), and a chat model's load is not what this measures.
 */
final class WithoutLlm {
  static final String RESOURCE = "dev/mixserve/config/default.yaml";
  private static final Pattern TOP = Pattern.compile("^([A-Za-z_]+):.*");
  private static final Pattern ITEM = Pattern.compile("^  - name: (\\S+)\\s*$");

  private WithoutLlm() {}

  /** Reads default.yaml from the build's config jar. */
  static String defaultYaml(Path root) throws IOException {
    try (var files = Files.list(root.resolve("cli/target/lib"))) {
      Path jar =
          files
              .filter(p -> p.getFileName().toString().startsWith("mixserve-config-"))
              .findFirst()
              .orElseThrow(() -> new IOException("no mixserve-config jar in " + root));
      try (var zip = new ZipFile(jar.toFile())) {
        var entry = zip.getEntry(RESOURCE);
        if (entry == null) {
          throw new IOException(jar + " has no " + RESOURCE);
        }
        return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  /** The config text without the deployment named {@code llm}; fails if there is none. */
  static String cut(String yaml) {
    var out = new StringBuilder();
    String section = "";
    boolean skipping = false;
    boolean found = false;
    for (String line : yaml.split("\n", -1)) {
      section = section(line, section);
      String item = deployment(line, section);
      if (item != null) {
        skipping = item.equals("llm");
        found |= skipping;
      } else if (!section.equals("deployments")) {
        skipping = false;
      }
      if (!skipping) {
        out.append(line).append('\n');
      }
    }
    if (!found) {
      throw new IllegalArgumentException("the default config has no deployment named llm");
    }
    return out.substring(0, out.length() - 1);
  }

  /** Names of the deployments left: each must be ready. */
  static List<String> deployments(String yaml) {
    var names = new ArrayList<String>();
    String section = "";
    for (String line : yaml.split("\n")) {
      section = section(line, section);
      String item = deployment(line, section);
      if (item != null) {
        names.add(item);
      }
    }
    return names;
  }

  /** The top-level key a line belongs to. */
  private static String section(String line, String current) {
    Matcher m = TOP.matcher(line);
    return m.matches() ? m.group(1) : current;
  }

  private static String deployment(String line, String section) {
    Matcher m = ITEM.matcher(line);
    return section.equals("deployments") && m.matches() ? m.group(1) : null;
  }
}
