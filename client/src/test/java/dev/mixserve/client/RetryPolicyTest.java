package dev.mixserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
  private final RetryPolicy policy =
      new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5));

  @Test
  void retryAfterSecondsIsHonoured() {
    assertThat(policy.delay(1, Optional.of("2"), NOW)).contains(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterAsHttpDate() {
    assertThat(policy.delay(1, Optional.of("Fri, 27 Nov 2026 08:00:03 GMT"), NOW))
        .contains(Duration.ofSeconds(3));
  }

  @Test
  void withoutRetryAfterTheBackoffDoubles() {
    assertThat(policy.delay(1, Optional.empty(), NOW)).contains(Duration.ofMillis(100));
    assertThat(policy.delay(2, Optional.empty(), NOW)).contains(Duration.ofMillis(200));
  }

  @Test
  void attemptsAreBounded() {
    assertThat(policy.delay(3, Optional.of("1"), NOW)).isEmpty();
  }

  @Test
  void aRetryAfterLongerThanTheMaxWaitGivesUp() {
    assertThat(policy.delay(1, Optional.of("60"), NOW)).isEmpty();
  }

  @Test
  void garbageRetryAfterFallsBackToBackoff() {
    assertThat(policy.delay(1, Optional.of("soon"), NOW)).contains(Duration.ofMillis(100));
  }

  @Test
  void onlyOverloadIsRetried() {
    assertThat(RetryPolicy.retryable(429)).isTrue();
    assertThat(RetryPolicy.retryable(503)).isTrue();
    assertThat(RetryPolicy.retryable(500)).isFalse();
    assertThat(RetryPolicy.retryable(404)).isFalse();
  }

  @Test
  void invalidPoliciesAreRefused() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("maxAttempts");
  }
}
