package dev.mixserve.gateway.front;

import dev.mixserve.api.Task;
import dev.mixserve.controller.Member;
import dev.mixserve.core.admission.AdmissionGate;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.auth.Grant;
import dev.mixserve.gateway.auth.Guard;
import dev.mixserve.gateway.auth.Identity;
import dev.mixserve.gateway.auth.Refusal;
import dev.mixserve.gateway.http.RequestTarget;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.gateway.upstream.ReplicaEngine;
import dev.mixserve.gateway.upstream.ReplicaRouter;
import dev.mixserve.gateway.upstream.Replicas;
import dev.mixserve.gateway.upstream.UpstreamCredentials;
import dev.mixserve.gateway.upstream.UpstreamRequest;
import dev.mixserve.protocol.Json;
import java.net.URI;
import java.util.Arrays;

/**
 * Whether the front door may forward a request to a replica itself, and if so the bytes it sends.
 * Only the plain case goes direct: HTTP/1.1, a whole body of known length, a route prefix or Host
 * alias naming a deployment served outside this JVM, a free slot and a running replica. Anything
 * else (queueing, cold starts, model dispatch at the root, deadlines from the client, uploads that
 * stream) is the gateway's handler's, unchanged, so the two paths cannot disagree on what they
 * answer.
 */
public final class FrontRoute {
  /** Bodies up to this go direct; larger ones stream through the handler. */
  static final int MAX_BODY = 65536;

  private FrontRoute() {}

  /** Why a request was handed to the gateway's handler, a metrics label. */
  enum Handoff {
    PROTOCOL,
    ROUTE,
    BUSY,
    RETRY,
    DRAINING,
    CHUNKED,
    LARGE,
    ENCODED,
    /** A chat for a key with a tokens-a-minute limit: the handler counts what it used. */
    TOKENS;

    final String label = name().toLowerCase();
  }

  /**
   * A request going direct: what it holds (a slot, a lease on a replica, its key's grant) until it
   * is answered.
   */
  static final class Direct {
    final DeploymentRuntime runtime;
    final ReplicaEngine engine;
    final Member member;
    final byte[] request;
    final String rest; // the path the deployment sees, which says whose error body to use
    private final int body;
    final long start = System.nanoTime();
    private AdmissionGate.Permit permit;
    private Member.Lease lease;
    Grant grant = Grant.FREE;
    Identity who = Identity.ANYONE;
    String method; // for the access log
    String path;

    private Direct(
        DeploymentRuntime runtime,
        ReplicaEngine engine,
        Member member,
        AdmissionGate.Permit permit,
        byte[] request,
        String rest,
        int body) {
      this.runtime = runtime;
      this.engine = engine;
      this.member = member;
      this.permit = permit;
      this.lease = member.lease();
      this.request = request;
      this.rest = rest;
      this.body = body;
    }

    /** As the handler decides it: everything but a streamed chat may be tried again. */
    boolean idempotent() {
      return ReplicaRouter.idempotent(
          runtime.deployment().task(),
          () -> Json.object(Arrays.copyOfRange(request, request.length - body, request.length)));
    }

    URI base() {
      return member.endpoint();
    }

    /** Frees the slot, the lease and the key's slot; calling it again does nothing. */
    void release() {
      if (lease != null) {
        lease.close();
        permit.close();
        grant.close();
        lease = null;
      }
    }

    /** As {@link #release}, for a request the handler takes over and lets in again. */
    void handBack() {
      grant.cancel();
      release();
    }
  }

  /**
   * A {@link Direct}, the reason the handler takes the request, or the answer its key gets here
   * (with who presented it).
   */
  record Decision(Direct direct, Handoff handoff, FrontReply refused, Identity who) {}

  /**
   * Decides for the whole request in {@code buf[0, head.length + body)}. The key is checked only
   * for a request that would go direct, as the handler would check it (every other goes to the
   * handler, which checks it there), and a request let in and then handed over after all gives back
   * what it took ({@link Grant#cancel}).
   */
  static Decision decide(
      FrontHead head, byte[] buf, RouteTable table, boolean draining, Guard guard) {
    var d = route(head, buf, table, draining, guard.on());
    if (d.direct() == null) {
      return d;
    }
    var direct = d.direct();
    var deployment = direct.runtime.deployment();
    var who = guard.identify(head.presentedKey());
    var verdict = guard.check(who, head.target.path(), deployment.name(), deployment.route());
    if (verdict instanceof Refusal r) {
      direct.release(); // its slot and lease: nothing was sent
      return new Decision(null, null, FrontReply.refused(r, direct.rest), who);
    }
    var grant = (Grant) verdict;
    if (grant.countsTokens() && deployment.task() == Task.CHAT) {
      direct.grant = grant;
      direct.handBack(); // let in again, and metered, by the handler
      return handoff(Handoff.TOKENS);
    }
    direct.grant = grant;
    direct.who = who;
    direct.method = head.first;
    direct.path = head.target.path();
    return d;
  }

  private static Decision route(
      FrontHead head, byte[] buf, RouteTable table, boolean draining, boolean keysOn) {
    if (draining) {
      return handoff(Handoff.DRAINING);
    }
    long body = Math.max(0, head.contentLength);
    boolean bodyless = head.first.equals("GET");
    if (!plain(head) || bodyless && body > 0) {
      return handoff(Handoff.PROTOCOL);
    }
    RequestTarget target = head.target;
    if (target.rawPath().indexOf('%') >= 0) {
      return handoff(Handoff.PROTOCOL); // decoding is the handler's, as is every other path rule
    }
    var resolved = table.resolve(head.host, RequestTarget.openAiPrefix(target.path()));
    if (resolved.isEmpty()) {
      return handoff(Handoff.ROUTE);
    }
    DeploymentRuntime rt = resolved.get().runtime();
    if (!Replicas.outside(rt.deployment())
        || !(rt.state() instanceof DeploymentRuntime.State.Ready ready)
        || !(ready.engine() instanceof ReplicaEngine engine)) {
      return handoff(Handoff.ROUTE);
    }
    if (body > rt.deployment().limits().maxBodyBytes()) {
      return handoff(Handoff.PROTOCOL); // the handler answers 413 in its own words
    }
    var member = engine.pool().pick();
    if (member.isEmpty()) {
      return handoff(Handoff.BUSY);
    }
    if (FrontUpstream.address(member.get().endpoint()) == null) {
      return handoff(Handoff.ROUTE); // a host name: its lookup would block the loop
    }
    String rest = RequestTarget.openAiPrefix(resolved.get().rest());
    URI base = member.get().endpoint();
    String query = target.query().isEmpty() ? "" : "?" + target.query();
    byte[] request;
    try {
      String credentials = UpstreamCredentials.replacement(rt.deployment(), keysOn);
      request = encode(head, buf, base, rest, query, bodyless, (int) body, credentials);
    } catch (IllegalArgumentException e) {
      return handoff(Handoff.PROTOCOL); // a path that cannot be forwarded: the handler says so
    } catch (dev.mixserve.api.error.ServeException e) {
      return handoff(Handoff.ROUTE); // the upstream's key cannot be read: the handler says so
    }
    var permit = rt.gate().tryEnter(); // last: nothing after it may fail and leave it taken
    if (permit == null) {
      return handoff(Handoff.BUSY);
    }
    var direct = new Direct(rt, engine, member.get(), permit, request, rest, (int) body);
    return new Decision(direct, null, null, null);
  }

  /** A request the front door may forward to a replica by itself, whatever the route. */
  static boolean plain(FrontHead head) {
    return !head.chunked
        && head.contentEncoding == null
        && !head.upgrade
        && !head.expect
        && head.contentLength <= MAX_BODY
        && !head.timeoutHeader
        && (head.first.equals("POST") || head.first.equals("GET") || head.first.equals("PUT"));
  }

  /**
   * The request as the handler gets it: the canonical target, the client's end-to-end headers, and
   * framing, Host and {@code X-Mixserve-Client} of the front door's own, so that the handler never
   * reads a framing or a path the front door has not checked. {@code framing} is the header line
   * for the body ("Content-Length: n" or "Transfer-Encoding: chunked") or null; {@code body} bytes
   * of {@code buf} after the head follow it.
   */
  static byte[] forHandler(FrontHead head, byte[] buf, long id, String framing, int body) {
    String line =
        head.first
            + ' '
            + head.target.wire()
            + " HTTP/1.1\r\nHost: "
            + head.host
            + "\r\nX-Mixserve-Client: "
            + id
            + "\r\n"
            + (framing == null ? "" : framing + "\r\n");
    return assemble(line, head, buf, body, false);
  }

  /**
   * {@code lines} (the request line and this hop's headers), the client's end-to-end headers as
   * they came (without its credentials when {@code dropCredentials}), the blank line and {@code
   * body} bytes after the head: one exact array, no copies on the way.
   */
  private static byte[] assemble(
      String lines, FrontHead head, byte[] buf, int body, boolean dropCredentials) {
    int size = lines.length() + 2 + body;
    for (int i = 0; i < head.count(); i++) {
      if (passed(head, i, dropCredentials)) {
        size += head.end(i) - head.start(i) + 2;
      }
    }
    byte[] out = new byte[size];
    lines.getBytes(0, lines.length(), out, 0); // ISO-8859-1, which a request line is
    int n = lines.length();
    for (int i = 0; i < head.count(); i++) {
      if (passed(head, i, dropCredentials)) {
        int len = head.end(i) - head.start(i) + 2; // with its CRLF
        System.arraycopy(buf, head.start(i), out, n, len);
        n += len;
      }
    }
    out[n++] = '\r';
    out[n++] = '\n';
    System.arraycopy(buf, head.length, out, n, body);
    return out;
  }

  /** End-to-end headers go on; the body's coding does not: the front door decodes it. */
  private static boolean passed(FrontHead head, int i, boolean dropCredentials) {
    int kind = head.kind(i);
    boolean credential =
        kind == FrontHead.AUTHORIZATION || kind == FrontHead.API_KEY || kind == FrontHead.X_API_KEY;
    return !head.perHop(i)
        && kind != FrontHead.CONTENT_ENCODING
        && !(dropCredentials && credential);
  }

  private static Decision handoff(Handoff why) {
    return new Decision(null, why, null, null);
  }

  /** As {@link UpstreamRequest#encode}: end-to-end headers copied, this hop's framing our own. */
  private static byte[] encode(
      FrontHead head,
      byte[] buf,
      URI base,
      String rest,
      String query,
      boolean bodyless,
      int body,
      String credentials) {
    String line =
        head.first
            + ' '
            + base.getRawPath()
            + UpstreamRequest.rawPath(rest)
            + query
            + " HTTP/1.1\r\nHost: "
            + base.getRawAuthority()
            + "\r\n"
            + (bodyless ? "" : "Content-Length: " + body + "\r\n")
            + (credentials == null ? "" : credentials);
    return assemble(line, head, buf, body, credentials != null);
  }
}
