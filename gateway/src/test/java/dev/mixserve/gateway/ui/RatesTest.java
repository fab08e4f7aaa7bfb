package dev.mixserve.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.core.metrics.ServeMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Deployments page's numbers, from the registry's own objects. */
class RatesTest {
  private static final double[] BOUNDS = {0.01, 0.1, 1, Double.POSITIVE_INFINITY};

  @Test
  void quantilesInterpolateWithinTheirBucketAsPromQlDoes() {
    long[] counts = {0, 10, 0, 0}; // ten observations between 10 and 100 ms
    assertThat(Rates.quantile(0.5, BOUNDS, counts)).isCloseTo(0.055, within(1e-9));
    assertThat(Rates.quantile(0.99, BOUNDS, counts)).isCloseTo(0.0991, within(1e-9));
    assertThat(Rates.quantile(0.5, BOUNDS, new long[] {0, 0, 0, 3})).isEqualTo(1.0);
    assertThat(Rates.quantile(0.5, BOUNDS, new long[4])).isNaN();
  }

  @Test
  void readingsComeFromTheRegistryAndRatesFromTheirDifference() {
    var registry = new Metrics();
    var m = new ServeMetrics(registry).forDeployment("embeddings");
    var before = Readings.read(registry).getOrDefault("embeddings", Reading.ZERO);
    for (int i = 0; i < 9; i++) {
      m.answered(200, 50_000_000L); // 50 ms
    }
    m.answered(503, 3_000_000_000L);
    m.batchSize().observe(4);
    m.batchSize().observe(2);
    m.chat().completionTokens().add(40);
    var after = Readings.read(registry).get("embeddings");
    var r = Rates.between(before, after, 2.0);
    assertThat(r.requestsPerSecond()).isEqualTo(5.0);
    assertThat(r.errorsPerSecond()).isEqualTo(0.5);
    assertThat(r.p50()).isBetween(0.025, 0.05);
    assertThat(r.p99()).isBetween(2.5, 5.0);
    assertThat(r.batchMean()).isEqualTo(3.0);
    assertThat(r.tokensPerSecond()).isEqualTo(20.0);
    assertThat(r.rtf()).isNaN();
  }

  @Test
  void aWindowRatesEachSampleAgainstTheOldestWithinTenSeconds() {
    var w = new StatsWindow();
    w.add(0, 0, Map.of("a", reading(0)));
    w.add(5_000_000_000L, 5000, Map.of("a", reading(50)));
    var s = w.add(10_000_000_000L, 10_000, Map.of("a", reading(100)));
    assertThat(s.rates().get("a").requestsPerSecond()).isEqualTo(10.0);
    var later = w.add(16_000_000_000L, 16_000, Map.of("a", reading(100)));
    assertThat(later.rates().get("a").requestsPerSecond()).isEqualTo(0.0); // since t=10 s
    assertThat(w.history()).hasSize(4);
  }

  @Test
  void aQuietOrNewDeploymentHasNoLatencyRatherThanZero() {
    var w = new StatsWindow();
    var first = w.add(0, 0, Map.of("a", reading(3)));
    assertThat(first.rates().get("a").p50()).isNaN();
    assertThat(first.rates().get("a").requestsPerSecond()).isZero();
  }

  private static Reading reading(double requests) {
    return Reading.ZERO.withRequests(requests, 0);
  }
}
