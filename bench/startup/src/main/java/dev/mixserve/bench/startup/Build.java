package dev.mixserve.bench.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A built checkout under test: its class path and the JVM flags its launcher gives {@code serve},
 * with the launcher's cache (AppCDS archive, unpacked natives) moved to a folder of the bench's
 * own, so that two builds never share or overwrite each other's archive.
 */
record Build(String label, Path root, List<String> javaFlags, Path cache) {
  static Build of(String label, Path root, Path benchDir) throws IOException, InterruptedException {
    Path jar = root.resolve("cli/target/mixserve-cli.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "no built CLI in "
              + root
              + " (build it there: mvn -B -o -pl cli -am package -DskipTests)");
    }
    Path cache = Files.createDirectories(benchDir.resolve(label + "-cache"));
    return new Build(label, root, LauncherFlags.read(root.resolve("mixserve"), cache), cache);
  }

  /** The command line the launcher's {@code ./mixserve serve ARGS} runs. */
  List<String> command(List<String> args) {
    var cmd = new ArrayList<String>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(javaFlags);
    cmd.add("-cp");
    cmd.add(root.resolve("cli/target/lib") + "/*:" + root.resolve("cli/target/mixserve-cli.jar"));
    cmd.add("dev.mixserve.cli.Main");
    cmd.add("serve");
    cmd.addAll(args);
    return cmd;
  }
}
