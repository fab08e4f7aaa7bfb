package dev.mixserve.controller.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How a `mixserve engine` child is run by default: the same JVM and class path as this one. */
public final class MixserveCommand {
  /** The CLI's entry point; a string because the controller does not depend on the CLI. */
  public static final String MAIN = "dev.mixserve.cli.Main";

  private MixserveCommand() {}

  /**
   * The java binary of this JVM, the flags the ./mixserve launcher gives, and this class path. Each
   * child gets its own temp dir ({tmp}): llama.cpp's loader deletes every llama* file in its temp
   * dir, and whisper-jni unpacks its natives into java.io.tmpdir.
   */
  public static List<String> thisJvm() {
    var argv = new ArrayList<String>();
    argv.add(javaBinary());
    argv.add("--enable-native-access=ALL-UNNAMED");
    argv.add("--sun-misc-unsafe-memory-access=allow");
    argv.add("-Dde.kherud.llama.tmpdir={tmp}");
    argv.add("-Djava.io.tmpdir={tmp}");
    String djl = System.getProperty("DJL_CACHE_DIR");
    if (djl != null) {
      argv.add("-DDJL_CACHE_DIR=" + djl);
    }
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN));
    return argv;
  }

  static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
