package dev.mixserve.gateway.auth;

import dev.mixserve.api.ApiKey;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The keys held now, found by the hash of the key a request presents. The map is keyed by the
 * hash's first 8 bytes and the whole hash is then compared with {@link MessageDigest#isEqual}, in
 * time that does not depend on where it differs: what a timing attack could learn is at most some
 * bytes of a SHA-256 nobody can invert, never the key. A scan of every key would cost each request
 * as many compares as there are keys; this costs one.
 */
final class Keyring {
  static final Keyring EMPTY = new Keyring(Map.of(), 0);

  private final Map<Long, Holder[]> byPrefix;
  private final int size;

  private Keyring(Map<Long, Holder[]> byPrefix, int size) {
    this.byPrefix = byPrefix;
    this.size = size;
  }

  /**
   * The keys {@code keys}, keeping the limiter of any key {@code before} held with the same hash.
   */
  static Keyring of(List<ApiKey> keys, Keyring before, LongSupplier clock) {
    var map = new HashMap<Long, Holder[]>();
    for (ApiKey k : keys) {
      byte[] hash = KeyHash.bytes(k.sha256());
      Holder old = before.find(hash);
      Limiter limiter;
      if (old != null) {
        limiter = old.limiter();
        limiter.limits(k.limits());
      } else {
        limiter = new Limiter(k.limits(), clock);
      }
      map.merge(
          prefix(hash),
          new Holder[] {new Holder(k, hash, limiter)},
          (a, b) -> {
            var all = java.util.Arrays.copyOf(a, a.length + 1);
            all[a.length] = b[0];
            return all;
          });
    }
    return new Keyring(Map.copyOf(map), keys.size());
  }

  Holder find(byte[] hash) {
    Holder[] bucket = byPrefix.get(prefix(hash));
    if (bucket == null) {
      return null;
    }
    Holder found = null;
    for (Holder h : bucket) {
      if (MessageDigest.isEqual(h.hash(), hash)) {
        found = h;
      }
    }
    return found;
  }

  int size() {
    return size;
  }

  private static long prefix(byte[] hash) {
    return ByteBuffer.wrap(hash, 0, 8).getLong();
  }
}
