package dev.mixserve.config;

/** A config that cannot be used; the message names the file, the document path and the line. */
public final class ConfigException extends RuntimeException {
  private final String source;
  private final String path;

  public ConfigException(String source, String path, int line, String problem) {
    super(format(source, path, line, problem));
    this.source = source;
    this.path = path;
  }

  private static String format(String source, String path, int line, String problem) {
    String where = line > 0 ? source + ":" + line : source;
    return where + ": " + (path.isEmpty() ? "" : path + ": ") + problem;
  }

  public String source() {
    return source;
  }

  /** Where in the document, e.g. deployments[2].resources.gpu. */
  public String path() {
    return path;
  }
}
