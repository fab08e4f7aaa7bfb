package dev.mixserve.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What every command's --version says: the Maven project version, filtered in by the build. */
final class Version implements IVersionProvider {
  private static final String RESOURCE = "/dev/mixserve/cli/version.properties";

  static String number() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      var p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "mixserve " + number(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
