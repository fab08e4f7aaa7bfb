package dev.mixserve.gateway.http;

/**
 * Finds one byte string in others in time linear in what is searched (Knuth-Morris-Pratt): a body
 * made of near-matches of the needle costs no more than any other body of its size, where the
 * byte-by-byte search cost body size × needle length.
 */
public final class ByteSearch {
  private final byte[] needle;
  private final int[] fallback; // longest proper border of needle[0..i]
  private long comparisons;

  ByteSearch(byte[] needle) {
    if (needle.length == 0) {
      throw new IllegalArgumentException("empty needle");
    }
    this.needle = needle.clone();
    this.fallback = new int[needle.length];
    for (int i = 1, k = 0; i < needle.length; i++) {
      while (k > 0 && needle[i] != needle[k]) {
        k = fallback[k - 1];
      }
      if (needle[i] == needle[k]) {
        k++;
      }
      fallback[i] = k;
    }
  }

  int length() {
    return needle.length;
  }

  /** Where the needle first lies wholly within {@code hay[from, to)}, or -1. */
  int find(byte[] hay, int from, int to) {
    byte first = needle[0];
    int j = 0;
    for (int i = Math.max(0, from); i < to; i++) {
      if (j == 0) {
        // the common case in binary uploads: skip to the next possible start in a tight loop
        while (i < to && hay[i] != first) {
          i++;
          comparisons++;
        }
        if (i == to) {
          return -1;
        }
      }
      byte b = hay[i];
      while (true) {
        comparisons++;
        if (b == needle[j]) {
          j++;
          break;
        }
        if (j == 0) {
          break;
        }
        j = fallback[j - 1];
      }
      if (j == needle.length) {
        return i - needle.length + 1;
      }
    }
    return -1;
  }

  /** Byte comparisons made so far by {@link #find}: at most twice the bytes searched. */
  long comparisons() {
    return comparisons;
  }
}
