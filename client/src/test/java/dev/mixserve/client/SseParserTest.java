package dev.mixserve.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private static List<String> events(String... lines) {
    var p = new SseParser();
    var out = new ArrayList<String>();
    for (String l : lines) {
      p.line(l).ifPresent(out::add);
    }
    p.flush().ifPresent(out::add);
    return out;
  }

  @Test
  void dataLinesEndAtABlankLine() {
    assertThat(events("data: {\"a\":1}", "", "data: [DONE]", ""))
        .containsExactly("{\"a\":1}", "[DONE]");
  }

  @Test
  void multiLineDataIsJoinedAndCommentsSkipped() {
    assertThat(events(": keep-alive", "event: x", "data: one", "data:two", ""))
        .containsExactly("one\ntwo");
  }

  @Test
  void anEventLeftOpenAtTheEndIsFlushed() {
    assertThat(events("data: last")).containsExactly("last");
  }

  @Test
  void blankLinesAloneMakeNoEvents() {
    assertThat(events("", "", "")).isEmpty();
  }
}
