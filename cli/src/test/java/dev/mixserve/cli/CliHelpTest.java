package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command of the tree, as it stands, answers -h/--help and -V/--version (#20). */
class CliHelpTest {
  /** Each command's words after `mixserve`, found by walking the tree: a new one is in too. */
  static Stream<List<String>> commands() {
    var out = new ArrayList<List<String>>();
    walk(Main.commandLine(), List.of(), out);
    return out.stream();
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(path);
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              var next = new ArrayList<>(path);
              next.add(name);
              walk(sub, next, out);
            });
  }

  @ParameterizedTest(name = "mixserve {0} --help, -h")
  @MethodSource("commands")
  void helpPrintsTheUsageAndExitsZero(List<String> path) {
    for (String flag : new String[] {"--help", "-h"}) {
      var r = Run.of(args(path, flag));
      assertThat(r.code()).as("%s %s: %s", path, flag, r.err()).isZero();
      assertThat(r.out()).contains("Usage: " + String.join(" ", words(path)) + " ");
      assertThat(r.err()).isEmpty();
    }
  }

  @ParameterizedTest(name = "mixserve {0} --version, -V")
  @MethodSource("commands")
  void versionSaysTheProjectVersion(List<String> path) {
    if (!path.isEmpty() && path.getLast().equals("help")) {
      return; // picocli's own help command: `help COMMAND`, no version of its own
    }
    for (String flag : new String[] {"--version", "-V"}) {
      var r = Run.of(args(path, flag));
      assertThat(r.code()).as("%s %s: %s", path, flag, r.err()).isZero();
      assertThat(r.out()).startsWith("mixserve " + Version.number() + System.lineSeparator());
    }
    assertThat(Version.number()).doesNotContain("${").isNotEqualTo("unknown");
  }

  @Test
  void helpCommandExplainsEachCommand() {
    var r = Run.of("help", "serve");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Usage: mixserve serve");
    assertThat(Run.of("help").out()).startsWith("Usage: mixserve ");
  }

  @Test
  void topLevelHelpNamesWhatTheLauncherRuns() {
    assertThat(Run.of("--help").out())
        .contains("./mixserve test", "./mixserve bench NAME", "handwritten", "help COMMAND");
  }

  @Test
  void serveHelpShowsTheBuiltInHostAndPort() {
    var server = ConfigLoader.defaults().server();
    assertThat(Run.of("serve", "--help").out().replaceAll("\\s+", " "))
        .contains(server.host() + ":" + server.port())
        .contains(server.host() + ", every interface, in the built-in config")
        .contains(server.port() + " in the built-in config");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    var r = Run.of("serve", "--bogus");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("Unknown option: '--bogus'").contains("Usage: mixserve serve");
  }

  private static String[] args(List<String> path, String flag) {
    var a = new ArrayList<>(path);
    a.add(flag);
    return a.toArray(String[]::new);
  }

  private static List<String> words(List<String> path) {
    var w = new ArrayList<String>();
    w.add("mixserve");
    w.addAll(path);
    return w;
  }
}
