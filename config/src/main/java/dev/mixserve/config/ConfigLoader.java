package dev.mixserve.config;

import dev.mixserve.api.ApiKey;
import dev.mixserve.api.Auth;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/** Reads a mixserve YAML document into a {@link MixserveConfig}. */
public final class ConfigLoader {
  private static final String DEFAULT_RESOURCE = "/dev/mixserve/config/default.yaml";

  private ConfigLoader() {}

  public static MixserveConfig load(Path file) {
    return load(file, DeploymentCheck.NONE);
  }

  /**
   * Reads {@code file}, running {@code check} on each deployment: what `mixserve config FILE`
   * checks and `serve` refuses are then one thing, reported at one file and line.
   */
  public static MixserveConfig load(Path file, DeploymentCheck check) {
    var config = parse(read(file), file.toString(), check);
    var auth = config.auth();
    // beside the config, as a file it names is where its writer looks for it
    var dir = file.toAbsolutePath().getParent();
    return config.withAuth(
        new Auth(auth.keys(), beside(dir, auth.keysFile()), beside(dir, auth.clusterKeyFile())));
  }

  private static Path beside(Path dir, Path p) {
    return p == null || p.isAbsolute() ? p : dir.resolve(p).normalize();
  }

  /**
   * The keys of a keys file ({@code keys:} as in a config's {@code auth:}); an empty file holds
   * none.
   */
  public static List<ApiKey> keys(Path file) {
    return parseKeys(read(file), file.toString());
  }

  public static List<ApiKey> parseKeys(String text, String source) {
    return read(text, source, AuthReader::keysFile, List.of());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), "", 0, "no such file");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "", 0, "cannot read: " + e.getMessage());
    }
  }

  /** The built-in config used by {@code serve} when no file is given. */
  public static MixserveConfig defaults() {
    return parse(defaultText(), "(built-in default config)");
  }

  public static String defaultText() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static MixserveConfig parse(String text, String source) {
    return parse(text, source, DeploymentCheck.NONE);
  }

  public static MixserveConfig parse(String text, String source, DeploymentCheck check) {
    return read(
        text,
        source,
        root -> DocumentReader.read(root, check),
        new MixserveConfig(Server.DEFAULT, List.of(), List.of()));
  }

  /**
   * One deployment's {@code engine:} mapping ({@code kind}, {@code model}, {@code options}), in
   * YAML or JSON, checked as the config file checks it: how a supervisor hands a child the engine
   * it really runs, after command-line overrides.
   */
  public static EngineSpec parseEngine(String text, String source) {
    return read(text, source, DeploymentReader::engine, null);
  }

  private static <T> T read(
      String text, String source, java.util.function.Function<Doc, T> reader, T empty) {
    var settings = LoadSettings.builder().setLabel(source).build();
    var composer =
        new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
    try {
      if (!composer.hasNext()) {
        if (empty == null) {
          throw new ConfigException(source, "", 0, "empty document");
        }
        return empty;
      }
      var doc = new Doc(source, "", composer.next());
      if (composer.hasNext()) {
        throw new ConfigException(source, "", 0, "expected one YAML document, found several");
      }
      return reader.apply(doc);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new ConfigException(source, "", line, "not valid YAML: " + e.getProblem());
    } catch (IllegalArgumentException e) {
      // Cross-field checks in record constructors (duplicate names) have no single path.
      throw new ConfigException(source, "", 0, e.getMessage());
    }
  }
}
