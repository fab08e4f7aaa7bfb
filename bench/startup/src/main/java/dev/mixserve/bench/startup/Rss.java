package dev.mixserve.bench.startup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resident memory of a process, from /proc/PID/status, in KiB: now and its peak. */
record Rss(long vmRssKb, long vmHwmKb) {
  private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
  private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB");

  static Rss parse(String status) {
    return new Rss(field(RSS, status), field(HWM, status));
  }

  private static long field(Pattern p, String status) {
    Matcher m = p.matcher(status);
    if (!m.find()) {
      throw new IllegalArgumentException("no " + p.pattern() + " in /proc status");
    }
    return Long.parseLong(m.group(1));
  }
}
