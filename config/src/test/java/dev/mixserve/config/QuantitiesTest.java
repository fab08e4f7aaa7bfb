package dev.mixserve.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {
  @ParameterizedTest
  @CsvSource({
    "1024, 1024",
    "1KiB, 1024",
    "8GiB, 8589934592",
    "2GB, 2000000000",
    "1.5MiB, 1572864",
    "64 GiB, 68719476736"
  })
  void bytes(String text, long expected) {
    assertThat(Quantities.bytes(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0.95, 950", "0.5, 500", "1, 1000", "500m, 500", "0.001, 1", "0.1, 100"})
  void milliGpu(String text, int expected) {
    assertThat(Quantities.milliGpu(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0", "-0.1", "1.001", "0.0001", "1001m", "x"})
  void invalidShares(String text) {
    assertThatThrownBy(() -> Quantities.milliGpu(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"250ms, 250", "30s, 30000", "5m, 300000", "1h, 3600000", "0.5s, 500"})
  void durations(String text, long millis) {
    assertThat(Quantities.duration(text)).isEqualTo(Duration.ofMillis(millis));
  }
}
