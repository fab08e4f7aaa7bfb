package dev.mixserve.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Autoscaling;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row: min 0..max 5 at most, target 2 per replica, up after 10 s, down after 60 s. */
class AutoscalePolicyTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # case                               | min | cur | ongoing | now | above | below | => | above' | below'
          steady at target                     | 1   | 2   | 4       | 100 | -     | -     | 2  | -      | -
          high load starts the up clock        | 1   | 2   | 9       | 100 | -     | -     | 2  | 100    | -
          high but not long enough             | 1   | 2   | 9       | 109 | 100   | -     | 2  | 100    | -
          high for the whole delay scales up   | 1   | 2   | 9       | 110 | 100   | -     | 5  | -      | -
          up never above max                   | 1   | 2   | 40      | 110 | 100   | -     | 5  | -      | -
          low load starts the down clock       | 1   | 3   | 1       | 100 | -     | -     | 3  | -      | 100
          low but not long enough              | 1   | 3   | 1       | 159 | -     | 100   | 3  | -      | 100
          low for the whole delay scales down  | 1   | 3   | 1       | 160 | -     | 100   | 1  | -      | -
          idle never goes below min            | 2   | 4   | 0       | 160 | -     | 100   | 2  | -      | -
          idle with min 0 goes to 0            | 0   | 1   | 0       | 160 | -     | 100   | 0  | -      | -
          back at target forgets the clock     | 1   | 3   | 6       | 150 | -     | 100   | 3  | -      | -
          swing from low to high restarts clock| 1   | 3   | 9       | 150 | -     | 100   | 3  | 150    | -
          cold start from 0 is at once         | 0   | 0   | 1       | 100 | -     | -     | 1  | -      | -
          cold start goes to 1 even if busy    | 0   | 0   | 9       | 100 | -     | -     | 1  | -      | -
          nothing waiting keeps 0              | 0   | 0   | 0       | 100 | -     | -     | 0  | -      | -
          below min is fixed at once           | 2   | 0   | 0       | 100 | -     | -     | 2  | -      | -
          fractional load rounds up            | 1   | 1   | 2.5     | 110 | 100   | -     | 2  | -      | -
          """)
  void decides(
      String name,
      int min,
      int current,
      double ongoing,
      long now,
      Long above,
      Long below,
      int desired,
      Long nextAbove,
      Long nextBelow) {
    var cfg = new Autoscaling(min, 5, 2, Duration.ofSeconds(10), Duration.ofSeconds(60));
    var memory = new AutoscalePolicy.Memory(at(above), at(below));

    var d = AutoscalePolicy.decide(cfg, current, ongoing, at(now), memory);

    assertThat(d.desired()).as("desired").isEqualTo(desired);
    assertThat(d.memory()).isEqualTo(new AutoscalePolicy.Memory(at(nextAbove), at(nextBelow)));
  }

  private static Instant at(Long seconds) {
    return seconds == null ? null : Instant.ofEpochSecond(seconds);
  }
}
