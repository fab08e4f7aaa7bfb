package dev.mixserve.api;

/**
 * What one API key may ask for; 0 means no limit.
 *
 * @param requestsPerMinute requests it may start in a minute
 * @param tokensPerMinute chat tokens (prompt and completion) it may use in a minute
 * @param concurrent requests it may have open at once
 */
public record KeyLimits(int requestsPerMinute, long tokensPerMinute, int concurrent) {
  public static final KeyLimits NONE = new KeyLimits(0, 0, 0);

  public KeyLimits {
    if (requestsPerMinute < 0 || tokensPerMinute < 0 || concurrent < 0) {
      throw new IllegalArgumentException("key limits are counts: 0 (none) or more");
    }
  }

  public boolean any() {
    return requestsPerMinute > 0 || tokensPerMinute > 0 || concurrent > 0;
  }
}
