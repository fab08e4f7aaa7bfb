package dev.mixserve.gateway.auth;

import dev.mixserve.api.ApiKey;

/**
 * Who a request is, as far as its key says: a key the server holds, nobody (no key, or one it does
 * not hold), or anyone (keys are off). Its name is what the access log and the metrics show, never
 * the key.
 */
public final class Identity {
  /** Keys are off: every request is let in. */
  public static final Identity ANYONE = new Identity("-", null, false);

  static final Identity NO_KEY = new Identity("none", null, false);
  static final Identity WRONG_KEY = new Identity("invalid", null, true);

  private final String name;
  private final Holder holder;
  private final boolean presented;

  private Identity(String name, Holder holder, boolean presented) {
    this.name = name;
    this.holder = holder;
    this.presented = presented;
  }

  static Identity of(Holder h) {
    return new Identity(h.key().name(), h, true);
  }

  /** The key's name, {@code none}, {@code invalid}, or {@code -} when keys are off. */
  public String name() {
    return name;
  }

  /** Whether a key the server holds was presented (or none is needed). */
  public boolean known() {
    return holder != null || this == ANYONE;
  }

  /** Whether this key may call the deployment {@code name} at {@code route}. */
  public boolean reaches(String name, String route) {
    return this == ANYONE || holder != null && holder.key().reaches(name, route);
  }

  boolean presented() {
    return presented;
  }

  Holder holder() {
    return holder;
  }

  ApiKey key() {
    return holder == null ? null : holder.key();
  }
}
