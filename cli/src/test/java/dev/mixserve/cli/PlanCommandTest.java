package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mixserve plan} on the seed's homelab, in each format, and its errors. */
class PlanCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "table   | pack   | khelben    amd gfx1151 #0 (64 GiB)   /llm         0.95   60.8 GiB",
        "table   | spread | elminster  nvidia sm_75 #0 (8 GiB)   /tts         0.5    4 GiB",
        "mermaid | pack   | subgraph node_khelben[\"🔴 khelben (Strix Halo 64GB)\"]",
        "json    | pack   | \"HSA_OVERRIDE_GFX_VERSION\" : \"11.5.1\"",
      })
  void printsThePlan(String format, String strategy, String expected) {
    var r = run("plan", "../examples/homelab.yaml", "--format", format, "--strategy", strategy);
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--format=svg      | error: expected one of [table, mermaid, json], got svg",
        "--strategy=random | error: expected one of [pack, spread], got random",
      })
  void rejectsUnknownChoices(String option, String message) {
    var r = run("plan", "../examples/homelab.yaml", option);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith(message);
  }

  @org.junit.jupiter.api.Test
  void namesTheFileOnAConfigError() {
    var r = run("plan", "no-such.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: no-such.yaml: no such file" + System.lineSeparator());
  }

  @org.junit.jupiter.api.Test
  void theBuiltInConfigPlacesOnTheLocalCpu() {
    var r = run("plan");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("local  cpu          /embeddings  -      -       -");
  }
}
