package dev.mixserve.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {
  private static final Path HERE = Path.of("/repo");

  @Test
  void defaultsMeasureThisCheckoutAlone() {
    var o = Options.parse(HERE);
    assertThat(o.rounds()).isEqualTo(5);
    assertThat(o.build()).isEqualTo(HERE);
    assertThat(o.baseline()).isEmpty();
  }

  @Test
  void takesRoundsBuildAndBaseline() {
    var o = Options.parse(HERE, "--rounds", "3", "--build", "/a", "--baseline-jar", "/b");
    assertThat(o.rounds()).isEqualTo(3);
    assertThat(o.build()).isEqualTo(Path.of("/a"));
    assertThat(o.baseline()).contains(Path.of("/b"));
  }

  @Test
  void helpIsNullWhereverItStands() {
    assertThat(Options.parse(HERE, "--help")).isNull();
    assertThat(Options.parse(HERE, "--rounds", "2", "-h")).isNull();
    assertThat(Options.USAGE).contains("--baseline-jar DIR").contains("--rounds N");
  }

  @Test
  void badInputSaysWhichOption() {
    assertThatThrownBy(() -> Options.parse(HERE, "--rounds", "x"))
        .hasMessage("--rounds expects a whole number, got 'x'");
    assertThatThrownBy(() -> Options.parse(HERE, "--rounds")).hasMessage("--rounds needs a value");
    assertThatThrownBy(() -> Options.parse(HERE, "--frobs", "1"))
        .hasMessage("unknown option --frobs");
    assertThatThrownBy(() -> Options.parse(HERE, "--rounds", "0"))
        .hasMessageContaining("--rounds must be >= 1");
  }
}
