package dev.mixserve.gateway.auth;

/**
 * One request's standing with the {@link Guard}, held by the handler for as long as the request
 * runs: who it is, the key it presented (only to pass on to calls the server makes for it, as the
 * voice pipeline does), and the grant it holds once a deployment has let it in.
 */
public final class Access implements AutoCloseable {
  private final Guard guard;
  private final Identity who;
  private final String key;
  private Grant grant = Grant.FREE;

  public Access(Guard guard, String key) {
    this.guard = guard;
    this.who = guard.identify(key);
    this.key = who.known() ? key : null;
  }

  public Identity who() {
    return who;
  }

  /** The key as presented, if the server holds it (null otherwise, or when keys are off). */
  public String key() {
    return guard.on() ? key : null;
  }

  /** The answer for a request to the canonical {@code path} before any deployment, or null. */
  public Refusal enter(String path) {
    return guard.enter(who, path);
  }

  /**
   * Lets the request in to deployment {@code name} at {@code route} (null: to no one deployment),
   * or returns why not.
   */
  public Refusal admit(String name, String route) {
    var v = guard.admit(who, name, route);
    return switch (v) {
      case Refusal r -> r;
      case Grant g -> {
        grant.close(); // bound again (a model found in the body): one slot, not two
        grant = g;
        yield null;
      }
    };
  }

  /** What the request's chat tokens are charged to. */
  public Grant grant() {
    return grant;
  }

  @Override
  public void close() {
    grant.close();
  }
}
