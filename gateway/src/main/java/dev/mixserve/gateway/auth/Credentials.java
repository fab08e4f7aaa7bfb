package dev.mixserve.gateway.auth;

import java.util.function.UnaryOperator;

/**
 * The key a request presents, from whichever header its client uses: {@code Authorization: Bearer}
 * (OpenAI's SDKs), {@code api-key} (Azure's) or {@code x-api-key}. An Authorization header of
 * another scheme presents no key.
 */
public final class Credentials {
  /** The header names read, lowercase, in the order they are tried. */
  public static final String AUTHORIZATION = "authorization";

  public static final String API_KEY = "api-key";
  public static final String X_API_KEY = "x-api-key";

  private Credentials() {}

  /** Whether a header of this lowercase name is one a key is read from. */
  public static boolean presents(String lowerName) {
    return lowerName.equals(AUTHORIZATION)
        || lowerName.equals(API_KEY)
        || lowerName.equals(X_API_KEY);
  }

  /**
   * The key presented, or null.
   *
   * @param header a request's first value of a header named in lowercase, or null
   */
  public static String key(UnaryOperator<String> header) {
    String bearer = bearer(header.apply(AUTHORIZATION));
    if (bearer != null) {
      return bearer;
    }
    String key = plain(header.apply(API_KEY));
    return key != null ? key : plain(header.apply(X_API_KEY));
  }

  private static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String v = authorization.strip();
    if (v.length() < 7 || !v.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return plain(v.substring(7));
  }

  private static String plain(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    return v.isEmpty() ? null : v; // its length is the edge's to bound (32 KiB of head)
  }
}
