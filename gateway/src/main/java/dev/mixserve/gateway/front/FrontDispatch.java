package dev.mixserve.gateway.front;

/**
 * Where a request read at the front door goes: the exchange that takes it to a replica direct, when
 * {@link FrontRoute} allows, or to the gateway's handler, counted by why.
 */
final class FrontDispatch {
  private FrontDispatch() {}

  /**
   * A whole request, head and body at the start of {@code buf}; null when the front door has
   * answered it itself (its key did not let it in).
   */
  static FrontExchange whole(FrontClient c, FrontHead head, byte[] buf) {
    var front = c.loop.front;
    var decision = FrontRoute.decide(head, buf, front.routes(), front.draining(), front.guard());
    if (decision.refused() != null) {
      front.audit(head, decision.refused().status(), decision.who(), null, 0);
      c.turnAway(decision.refused());
      return null;
    }
    if (decision.direct() == null) {
      return toHandler(c, head, buf, decision.handoff());
    }
    front.directed();
    return FrontExchange.direct(c, decision.direct(), head.first.equals("HEAD"));
  }

  /** A whole request, for the handler; {@code why} it does not go direct. */
  static FrontExchange toHandler(
      FrontClient c, FrontHead head, byte[] buf, FrontRoute.Handoff why) {
    var front = c.loop.front;
    front.handled(why);
    long id = front.nextId();
    int length = (int) Math.max(0, head.contentLength);
    String framing = head.contentLength >= 0 ? "Content-Length: " + length : null;
    byte[] request = FrontRoute.forHandler(head, buf, id, framing, length);
    return FrontExchange.handler(c, id, request, false, head.first.equals("HEAD"));
  }

  /**
   * The head of a request whose body follows as it comes, for the handler: re-framed (chunked) when
   * the front door decodes or re-frames the body, else with the client's Content-Length.
   */
  static FrontExchange streaming(FrontClient c, FrontHead head, byte[] buf, FrontChecks.Stream st) {
    var front = c.loop.front;
    front.streamed(st.why());
    long id = front.nextId();
    String framing =
        st.body().reframed()
            ? "Transfer-Encoding: chunked"
            : "Content-Length: " + head.contentLength;
    byte[] request = FrontRoute.forHandler(head, buf, id, framing, 0);
    return FrontExchange.handler(c, id, request, true, head.first.equals("HEAD"));
  }
}
