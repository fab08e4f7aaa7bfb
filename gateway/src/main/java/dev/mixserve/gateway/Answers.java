package dev.mixserve.gateway;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.gateway.auth.Identity;
import dev.mixserve.gateway.auth.KeyMetrics;
import dev.mixserve.gateway.auth.Protocol;
import dev.mixserve.gateway.http.AccessLog;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.ClientGone;
import dev.mixserve.protocol.kserve.KServeJson;
import dev.mixserve.protocol.openai.OpenAiError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.RoutingResponse;

/**
 * How the handler ends a call it could not serve: every error answered once, in the error body of
 * the protocol its path speaks (KServe's {"error": "..."} on KServe paths, OpenAI's elsewhere), and
 * every call counted by its key's name (never the key) and written to the access log.
 */
final class Answers {
  private final ClientGone gone = new ClientGone();
  private final KeyMetrics keys;

  Answers(KeyMetrics keys) {
    this.keys = keys;
  }

  void gone(String path, RuntimeException e) {
    gone.log(ClientGone.Kind.GONE, path, e);
  }

  void fail(Call call, ServeException e, String path, boolean close) {
    var res = call.response();
    // A stream whose output was asked for but got no byte yet can still become a JSON error.
    boolean started = res instanceof RoutingResponse r ? !r.resetStream() : res.isSent();
    if (started) {
      gone.log(ClientGone.Kind.LATE_ERROR, path, e);
      return;
    }
    try {
      res.status(e.status());
      if (close) {
        res.header(HeaderNames.CONNECTION, "close");
      }
      if (e.retryAfterSeconds() > 0) {
        res.header(HeaderNames.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
      }
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      boolean kserve = Protocol.of(call.path()) == Protocol.KSERVE;
      res.send(kserve ? KServeJson.error(e.getMessage()) : OpenAiError.body(e));
    } catch (RuntimeException sending) {
      if (!ClientGone.is(sending)) {
        throw sending;
      }
      gone.log(ClientGone.Kind.GONE, path, sending);
    }
  }

  /** The key's name in the metrics and the access log. */
  void audit(Call call, String path, long start) {
    var who = call.access() == null ? Identity.ANYONE : call.access().who();
    int status = call.response().status().code();
    keys.answered(who, status);
    if (AccessLog.on()) {
      var d = call.bound() == null ? null : call.bound().deployment().name();
      AccessLog.line(
          call.method(), path, status, System.nanoTime() - start, who.name(), d, "handler");
    }
  }
}
