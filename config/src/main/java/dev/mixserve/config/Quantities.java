package dev.mixserve.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses the units people write in configs: 8GiB, 0.95, 950m, 30s. */
public final class Quantities {
  private static final Pattern BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]i?B?|B)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  private Quantities() {}

  /** Bytes from an integer or "512MiB", "8GiB", "2GB", "1.5TiB". */
  public static long bytes(String text) {
    var m = BYTES.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a size such as 512MiB, 8GiB or a number of bytes, got '" + text + "'");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    return n.multiply(BigDecimal.valueOf(multiplier(unit))).longValue();
  }

  private static long multiplier(String unit) {
    boolean binary = unit.contains("I");
    long base = binary ? 1024 : 1000;
    return switch (unit.charAt(0)) {
      case 'K' -> base;
      case 'M' -> base * base;
      case 'G' -> base * base * base;
      case 'T' -> base * base * base * base;
      case 'P' -> base * base * base * base * base;
      default -> 1;
    };
  }

  /**
   * A GPU share in milli-GPU from a fraction ("0.95") or milli units ("950m"). Exact decimal
   * arithmetic, so 0.1 + 0.2 shares add up to exactly 300.
   */
  public static int milliGpu(String text) {
    String t = text.trim();
    BigDecimal milli;
    try {
      milli =
          t.endsWith("m")
              ? new BigDecimal(t.substring(0, t.length() - 1))
              : new BigDecimal(t).movePointRight(3);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a GPU share such as 0.5 or 500m, got '" + text + "'");
    }
    if (milli.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "a GPU share is counted in whole milli-GPU (0.001), got '" + text + "'");
    }
    if (milli.signum() <= 0 || milli.compareTo(BigDecimal.valueOf(1000)) > 0) {
      throw new IllegalArgumentException(
          "a GPU share must be above 0 and at most 1 (1000m), got '"
              + text
              + "'; omit gpu for a CPU-only deployment");
    }
    return milli.intValueExact();
  }

  /** Milli-CPU from cores ("2", "0.5") or milli ("500m"). */
  public static int milliCpu(String text) {
    String t = text.trim();
    try {
      BigDecimal milli =
          t.endsWith("m")
              ? new BigDecimal(t.substring(0, t.length() - 1))
              : new BigDecimal(t).movePointRight(3);
      if (milli.signum() < 0) {
        throw new IllegalArgumentException("cpu must not be negative, got '" + text + "'");
      }
      return milli.intValue();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected cores such as 2 or 500m, got '" + text + "'");
    }
  }

  /** A duration such as 250ms, 30s, 5m, 1h. */
  public static Duration duration(String text) {
    var m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a duration such as 250ms, 30s or 5m, got '" + text + "'");
    }
    double n = Double.parseDouble(m.group(1));
    long nanos =
        (long)
            (n
                * switch (m.group(2)) {
                  case "ms" -> 1e6;
                  case "s" -> 1e9;
                  case "m" -> 60e9;
                  default -> 3600e9;
                });
    return Duration.ofNanos(nanos);
  }
}
