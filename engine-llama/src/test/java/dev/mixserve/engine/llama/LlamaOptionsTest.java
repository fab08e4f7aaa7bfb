package dev.mixserve.engine.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlamaOptionsTest {
  @Test
  void streamIntervalIsOneMillisecondUnlessGiven() {
    assertThat(LlamaOptions.parse(Map.of()).streamInterval()).isEqualTo(Duration.ofMillis(1));
    assertThat(LlamaOptions.parse(Map.of("stream_interval_ms", 2.5)).streamInterval())
        .isEqualTo(Duration.ofNanos(2_500_000));
    assertThat(LlamaOptions.parse(Map.of("stream_interval_ms", 0L)).streamInterval()).isZero();
  }

  @Test
  void aBadStreamIntervalIsRefusedByName() {
    assertThatThrownBy(() -> LlamaOptions.parse(Map.of("stream_interval_ms", -1L)))
        .hasMessageContaining("engine.options.stream_interval_ms")
        .hasMessageContaining("0.0..1000.0");
    assertThatThrownBy(() -> LlamaOptions.parse(Map.of("stream_interval_ms", "fast")))
        .hasMessageContaining("engine.options.stream_interval_ms");
  }

  @Test
  void threadChoiceKeepsTheStreamInterval() {
    var o = LlamaOptions.parse(Map.of("stream_interval_ms", 3L)).forModel(1 << 20, 2);
    assertThat(o.threads()).isEqualTo(1);
    assertThat(o.streamInterval()).isEqualTo(Duration.ofMillis(3));
  }
}
