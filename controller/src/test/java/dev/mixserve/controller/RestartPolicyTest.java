package dev.mixserve.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartPolicyTest {
  private final RestartPolicy policy =
      new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 2);

  @ParameterizedTest(name = "after {0} failures wait {1} s")
  @CsvSource({"0, 0", "1, 1", "2, 2", "3, 4", "5, 16", "6, 30", "1000, 30"})
  void doublesUpToTheCap(int failures, long seconds) {
    assertThat(policy.delay(failures)).isEqualTo(Duration.ofSeconds(seconds));
  }
}
