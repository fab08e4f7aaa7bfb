package dev.mixserve.gateway.auth;

import dev.mixserve.api.ApiKey;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The one check, in the order both paths ask it: the key (401), the admin plane (403), the
 * deployment's scope (403), the key's limits (429). The handler asks the first two as a request
 * comes and the last two once its deployment is chosen (at the root, only its body says which); the
 * front door, which forwards only requests whose route names the deployment, asks all four at once
 * ({@link #check}). Keys can be swapped at any time; a request keeps the key it was let in with.
 */
public final class Guard {
  private final LongSupplier clock;
  private volatile boolean on;
  private volatile Keyring ring = Keyring.EMPTY;

  public Guard(LongSupplier clock) {
    this.clock = clock;
  }

  /** Keys off: every request is let in. */
  public static Guard open() {
    return new Guard(System::nanoTime);
  }

  /**
   * The keys from now on. {@code on} with no keys refuses every request but the probes (a keys file
   * that is still empty); off lets everything in.
   */
  public synchronized void keys(boolean on, List<ApiKey> keys) {
    ring = Keyring.of(keys, ring, clock);
    this.on = on;
  }

  public boolean on() {
    return on;
  }

  public int size() {
    return ring.size();
  }

  /** Who presents {@code key} (null: none). */
  public Identity identify(String key) {
    if (!on) {
      return Identity.ANYONE;
    }
    if (key == null) {
      return Identity.NO_KEY;
    }
    Holder h = ring.find(KeyHash.sha256(key));
    return h == null ? Identity.WRONG_KEY : Identity.of(h);
  }

  /**
   * What a request for the canonical {@code path} is answered before its deployment is known, or
   * null when it may go on.
   */
  public Refusal enter(Identity who, String path) {
    Need need = Need.of(path);
    if (need == Need.OPEN || who == Identity.ANYONE) {
      return null;
    }
    if (!who.known()) {
      return Refusal.unauthorized(who.presented());
    }
    if (need == Need.ADMIN && !who.key().admin()) {
      return Refusal.forbidden(
          "This key may not use the admin plane (/-/status, /-/routes, /-/reload, /metrics): it"
              + " needs admin: true.");
    }
    return null;
  }

  /**
   * Lets a request in to the deployment {@code name} at {@code route} (both null: to no one
   * deployment, e.g. the voice pipeline, whose stages are let in one by one), or refuses it.
   */
  public Verdict admit(Identity who, String name, String route) {
    if (who == Identity.ANYONE) {
      return Grant.FREE;
    }
    if (!who.known()) {
      return Refusal.unauthorized(who.presented()); // the handler has refused it already
    }
    if (name != null && !who.key().reaches(name, route)) {
      return Refusal.forbidden(
          "This key may not call '" + name + "'; its scopes are " + who.key().scopes() + ".");
    }
    var limiter = who.holder().limiter();
    if (!who.key().limits().any()) {
      return Grant.FREE;
    }
    Refusal over = limiter.acquire(who.name());
    return over != null ? over : new Grant(limiter);
  }

  /** All of it at once, for a request whose route names its deployment: the front door's. */
  public Verdict check(Identity who, String path, String name, String route) {
    if (Need.of(path) == Need.OPEN) {
      return Grant.FREE;
    }
    Refusal r = enter(who, path);
    return r != null ? r : admit(who, name, route);
  }
}
