package dev.mixserve.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.ServerConnectionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ClientGoneTest {
  /** Held: JUL keeps loggers only weakly, and a collected one loses its level. */
  private static final Logger GATEWAY = Logger.getLogger(ClientGone.class.getName());

  @Test
  void connectionFailuresAreToldFromServingFailures() {
    var reset = new ServerConnectionException("Failed to write", new IOException("reset"));
    assertThat(ClientGone.is(reset)).isTrue();
    assertThat(ClientGone.is(new IllegalStateException("the client stopped receiving", reset)))
        .isTrue();
    assertThat(ClientGone.is(new UncheckedIOException(new IOException("Broken pipe")))).isTrue();
    assertThat(ClientGone.is(new IllegalStateException("engine bug"))).isFalse();
    assertThat(ClientGone.is(new RuntimeException(new IOException("model file unreadable"))))
        .isFalse();
  }

  @Test
  void oneDebugLinePerKindAndIntervalThenACountOfTheRest() {
    var now = new AtomicLong(0);
    var gone = new ClientGone(now::get);
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level before = GATEWAY.getLevel();
    GATEWAY.setLevel(Level.ALL);
    GATEWAY.addHandler(capture);
    try {
      var e = new ServerConnectionException("Failed to write response", new IOException("reset"));
      for (int i = 0; i < 5; i++) {
        gone.log(ClientGone.Kind.GONE, "/metrics", e);
      }
      gone.log(ClientGone.Kind.LATE_ERROR, "/v1/audio/speech", null);
      now.addAndGet(ClientGone.INTERVAL.toNanos());
      gone.log(ClientGone.Kind.GONE, "/metrics", e);
    } finally {
      GATEWAY.removeHandler(capture);
      GATEWAY.setLevel(before);
    }
    assertThat(records).extracting(LogRecord::getLevel).containsOnly(Level.FINE);
    assertThat(records).extracting(LogRecord::getThrown).containsOnlyNulls();
    assertThat(records)
        .extracting(LogRecord::getMessage)
        .hasSize(3)
        .satisfiesExactly(
            m -> assertThat(m).contains("went away on /metrics").doesNotContain("more like it"),
            m -> assertThat(m).contains("after the answer had started"),
            m -> assertThat(m).contains("4 more like it"));
  }
}
