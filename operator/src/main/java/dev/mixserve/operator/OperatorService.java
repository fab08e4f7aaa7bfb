package dev.mixserve.operator;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What {@code mixserve operator} runs: the operator and its own port ({@code /healthz}, {@code
 * /readyz}, {@code /metrics}). Closed in reverse order: the port last, so probes see the operator
 * stop.
 */
public final class OperatorService implements AutoCloseable {
  private final MixServeOperator operator;
  private final OperatorHttp http;

  private OperatorService(MixServeOperator operator, OperatorHttp http) {
    this.operator = operator;
    this.http = http;
  }

  /**
   * @param port the health and metrics port; 0 for any free one
   */
  public static OperatorService start(MixServeOperator.Settings settings, int port) {
    var operator = MixServeOperator.start(settings);
    try {
      var http =
          new OperatorHttp(port, operator::alive, operator::ready, () -> operator.metrics().text());
      return new OperatorService(operator, http);
    } catch (IOException e) {
      operator.close();
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }

  public int port() {
    return http.port();
  }

  public MixServeOperator operator() {
    return operator;
  }

  @Override
  public void close() {
    try {
      operator.close();
    } finally {
      http.close();
    }
  }
}
