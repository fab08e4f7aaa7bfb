package dev.mixserve.api;

import java.util.Arrays;
import java.util.Locale;

/** Accelerator vendor; CPU is a vendor so that CPU-only nodes need no special case. */
public enum Vendor {
  NVIDIA,
  AMD,
  INTEL,
  CPU;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Vendor parse(String text) {
    for (Vendor v : values()) {
      if (v.id().equals(text)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "expected one of "
            + Arrays.stream(values()).map(Vendor::id).toList()
            + ", got '"
            + text
            + "'");
  }
}
