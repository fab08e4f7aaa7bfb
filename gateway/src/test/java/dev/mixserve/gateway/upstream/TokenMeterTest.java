package dev.mixserve.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.gateway.auth.Grant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenMeterTest {
  private static final String CHUNK =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n";
  private static final String USAGE =
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
          + "\"total_tokens\":5}}\n\n";
  private static final String DONE = "data: [DONE]\n\n";

  @Test
  void aStreamIsAskedForItsUsageOnlyWhenItDidNotAsk() {
    var meter = new TokenMeter(Grant.FREE);
    String asked = new String(meter.request("{\"stream\":true,\"n\":1}".getBytes()));
    assertThat(asked).contains("\"stream_options\":{\"include_usage\":true}").contains("\"n\":1");
    byte[] already = "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}".getBytes();
    assertThat(new TokenMeter(Grant.FREE).request(already)).isSameAs(already);
    byte[] whole = "{\"messages\":[]}".getBytes();
    assertThat(new TokenMeter(Grant.FREE).request(whole)).isSameAs(whole);
    byte[] junk = "not json".getBytes();
    assertThat(new TokenMeter(Grant.FREE).request(junk)).isSameAs(junk);
  }

  @Test
  void theUsageChunkOnlyTheMeterAskedForIsLeftOutHoweverTheBytesArrive() throws Exception {
    String in = CHUNK + CHUNK.replace("\n\n", "\r\n\r\n") + USAGE + DONE;
    var random = new Random(21);
    for (int round = 0; round < 200; round++) {
      var meter = new TokenMeter(Grant.FREE);
      meter.request("{\"stream\":true}".getBytes());
      var sink = new ByteArrayOutputStream();
      try (var out = meter.answer(sink, true, true)) {
        byte[] b = in.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < b.length; ) {
          int n = Math.min(b.length - at, 1 + random.nextInt(40));
          out.write(b, at, n);
          if (random.nextBoolean()) {
            out.flush();
          }
          at += n;
        }
      }
      assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(in.replace(USAGE, ""));
    }
  }

  @Test
  void aClientThatAskedOrAFixedLengthKeepsEveryEvent() throws Exception {
    String in = CHUNK + USAGE + DONE;
    var asked = new TokenMeter(Grant.FREE);
    asked.request("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}".getBytes());
    var fixed = new TokenMeter(Grant.FREE);
    fixed.request("{\"stream\":true}".getBytes());
    for (var meter : java.util.List.of(asked, fixed)) {
      var sink = new ByteArrayOutputStream();
      try (var out = meter.answer(sink, true, meter == asked)) {
        out.write(in.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(in);
    }
  }

  @Test
  void onlyAChunkWithAUsageObjectIsParsed() {
    assertThat(TokenMeter.reportsUsage(USAGE)).isTrue();
    assertThat(TokenMeter.reportsUsage("data: {\"usage\" :\n {\"total_tokens\":1}}")).isTrue();
    assertThat(TokenMeter.reportsUsage("data: {\"choices\":[],\"usage\":null}")).isFalse();
    assertThat(TokenMeter.reportsUsage(CHUNK)).isFalse();
  }
}
