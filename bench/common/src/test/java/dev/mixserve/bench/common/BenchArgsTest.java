package dev.mixserve.bench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.bench.common.BenchArgs.Kind;
import org.junit.jupiter.api.Test;

class BenchArgsTest {
  private static BenchArgs spec() {
    return new BenchArgs("demo", "Measures nothing, for this test.")
        .option("--rounds", "N", Kind.INTEGER, "5", "rounds")
        .option("--seconds", "S", Kind.DECIMAL, "1.5", "per measurement")
        .option("--model", "FILE", Kind.TEXT, "a.gguf", "the model")
        .positional("SHARED", Kind.TEXT, "../shared", "models folder")
        .positional("REPEATS", Kind.INTEGER, "3", "repeats");
  }

  @Test
  void defaultsStandUntilGiven() {
    var v = spec().parse(new String[0]);
    assertThat(v.integer("--rounds")).isEqualTo(5);
    assertThat(v.decimal("--seconds")).isEqualTo(1.5);
    assertThat(v.text("SHARED")).isEqualTo("../shared");
    assertThat(v.given("--rounds")).isFalse();
  }

  @Test
  void optionsInBothSpellingsAndPositionalsInOrder() {
    var v = spec().parse(new String[] {"--rounds", "7", "--seconds=0.5", "/s", "200"});
    assertThat(v.integer("--rounds")).isEqualTo(7);
    assertThat(v.decimal("--seconds")).isEqualTo(0.5);
    assertThat(v.text("SHARED")).isEqualTo("/s");
    assertThat(v.integer("REPEATS")).isEqualTo(200);
    assertThat(v.given("--rounds")).isTrue();
  }

  @Test
  void helpWinsWhereverItStands() {
    assertThatThrownBy(() -> spec().parse(new String[] {"--rounds", "2", "--help"}))
        .isInstanceOf(BenchArgs.Help.class);
    assertThatThrownBy(() -> spec().parse(new String[] {"-h"})).isInstanceOf(BenchArgs.Help.class);
    assertThat(spec().usage())
        .startsWith("usage: ./mixserve bench demo [-h] [--rounds N]")
        .contains("--rounds N", "rounds (default 5)", "-h, --help");
  }

  @Test
  void mistakesAreOneLineEach() {
    assertBad(new String[] {"--bogus"}, "unknown option --bogus");
    assertBad(new String[] {"--rounds"}, "--rounds needs a value (N)");
    assertBad(new String[] {"--rounds", "many"}, "--rounds: expected a whole number, got 'many'");
    assertBad(new String[] {"x", "three"}, "REPEATS: expected a whole number, got 'three'");
    assertBad(new String[] {"x", "3", "more"}, "unexpected argument 'more'");
  }

  @Test
  void restTakesWhatIsLeft() {
    var v = new BenchArgs("d", "d").rest("PIECE", "pieces").parse(new String[] {"sse", "wav"});
    assertThat(v.rest()).containsExactly("sse", "wav");
  }

  private static void assertBad(String[] args, String message) {
    assertThatThrownBy(() -> spec().parse(args))
        .isInstanceOf(BenchArgs.Bad.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
