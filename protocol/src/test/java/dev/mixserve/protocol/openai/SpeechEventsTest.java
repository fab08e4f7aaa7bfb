package dev.mixserve.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpeechEventsTest {
  @Test
  void inputTokensCountWordsAndMarks() {
    assertThat(SpeechEvents.inputTokens("One. Two.")).isEqualTo(4);
    assertThat(SpeechEvents.inputTokens("  ")).isZero();
    assertThat(SpeechEvents.inputTokens("Grüße, 2026!")).isEqualTo(4);
  }

  @Test
  void theDoneEventCarriesOpenAisRequiredUsage() throws Exception {
    String event = new String(SpeechEvents.done("Hello there."), StandardCharsets.UTF_8);
    assertThat(event).startsWith("data: ").endsWith("\n\n");
    var usage = new ObjectMapper().readTree(event.substring(6)).get("usage");
    assertThat(usage.get("input_tokens").asInt()).isEqualTo(3);
    assertThat(usage.get("total_tokens").asInt()).isEqualTo(3);
  }
}
