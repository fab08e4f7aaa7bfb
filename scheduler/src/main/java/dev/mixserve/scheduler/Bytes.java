package dev.mixserve.scheduler;

import dev.mixserve.api.Accelerator;
import java.math.BigDecimal;

/** How sizes and devices read in plans and refusals. */
public final class Bytes {
  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;

  private Bytes() {}

  /** 4294967296 → "4 GiB", 1610612736 → "1.5 GiB", 536870912 → "512 MiB". */
  public static String human(long bytes) {
    if (bytes >= GIB) {
      return decimal(bytes, GIB) + " GiB";
    }
    if (bytes >= MIB) {
      return decimal(bytes, MIB) + " MiB";
    }
    return bytes + " B";
  }

  /** A share as a fraction of one GPU: 950 → "0.95", 1000 → "1". */
  public static String share(int milliGpu) {
    return BigDecimal.valueOf(milliGpu, 3).stripTrailingZeros().toPlainString();
  }

  /** "amd gfx1151", or the model when the arch is unknown. */
  public static String kind(Accelerator a) {
    String what = a.arch().isEmpty() ? a.model() : a.arch();
    return what.isEmpty() ? a.vendor().id() : a.vendor().id() + " " + what;
  }

  /** One decimal, rounded half up, trailing ".0" dropped; plain longs, as refusals are many. */
  private static String decimal(long bytes, long unit) {
    long tenths = (bytes / unit) * 10 + ((bytes % unit) * 10 + unit / 2) / unit;
    return tenths % 10 == 0 ? String.valueOf(tenths / 10) : tenths / 10 + "." + tenths % 10;
  }
}
