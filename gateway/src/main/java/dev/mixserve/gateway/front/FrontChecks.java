package dev.mixserve.gateway.front;

import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.RequestTarget;
import dev.mixserve.gateway.http.RouteTable;

/**
 * What a whole request head decides before any of its body is read: a body larger than its route
 * allows (413), an expectation other than 100-continue (417), a browser's preflight (answered at
 * the front door), a content coding the front door cannot decode (415); else how the body is read.
 */
final class FrontChecks {
  private FrontChecks() {}

  /** The outcome for one head. */
  sealed interface Verdict permits Refuse, Preflight, Whole, Stream {}

  /** Answered with {@code status} and the connection closed. */
  record Refuse(int status, String message) implements Verdict {}

  /** An OPTIONS with Access-Control-Request-Method, with CORS on. */
  record Preflight() implements Verdict {}

  /** A body of up to {@link FrontRoute#MAX_BODY} bytes, read whole before it goes anywhere. */
  record Whole() implements Verdict {}

  /** A chunked, large or encoded body: the handler gets the head now and the body as it comes. */
  record Stream(FrontBody body, FrontRoute.Handoff why) implements Verdict {}

  private static final Preflight PREFLIGHT = new Preflight();
  private static final Whole WHOLE = new Whole();

  static Verdict of(FrontHead head, RouteTable routes, FrontCors cors) {
    long limit = bodyLimit(head, routes);
    if (head.contentLength > limit) {
      return new Refuse(
          413,
          "request body of "
              + head.contentLength
              + " bytes is larger than the limit of "
              + limit
              + " bytes");
    }
    if (head.expect && !head.expectsContinue) {
      return new Refuse(417, "only Expect: 100-continue is understood");
    }
    if (head.preflight && head.first.equals("OPTIONS") && cors.enabled()) {
      return PREFLIGHT;
    }
    return body(head, limit);
  }

  private static Verdict body(FrontHead head, long limit) {
    Encodings.Inflate inflate = null;
    if (head.contentEncoding != null && !head.contentEncoding.equals("identity")) {
      inflate = Encodings.inflater(head.contentEncoding);
      if (inflate == null) {
        return new Refuse(
            415,
            "Content-Encoding '"
                + head.contentEncoding
                + "' is not supported; send gzip, deflate or identity");
      }
    }
    if (inflate != null) {
      return new Stream(
          FrontBody.inflating(head.chunked, head.contentLength, limit, inflate), streamed(head));
    }
    if (head.chunked || head.contentLength > FrontRoute.MAX_BODY) {
      return new Stream(
          head.chunked ? FrontBody.chunked(limit) : FrontBody.length(head.contentLength, limit),
          streamed(head));
    }
    return WHOLE;
  }

  private static FrontRoute.Handoff streamed(FrontHead head) {
    return head.contentEncoding != null
        ? FrontRoute.Handoff.ENCODED
        : head.chunked ? FrontRoute.Handoff.CHUNKED : FrontRoute.Handoff.LARGE;
  }

  /** The deployment's body limit where the route names one, else the gateway's. */
  private static long bodyLimit(FrontHead head, RouteTable routes) {
    var resolved = routes.resolve(head.host, RequestTarget.openAiPrefix(head.target.path()));
    return resolved
        .map(t -> t.runtime().deployment().limits().maxBodyBytes())
        .orElse(Call.ROOT_MAX_BODY);
  }
}
