package dev.mixserve.bench.startup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident memory of a process, from /proc/PID/status, in KiB: now and its peak; and its CPU time.
 */
record Rss(long vmRssKb, long vmHwmKb) {
  private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
  private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB");

  static Rss parse(String status) {
    return new Rss(field(RSS, status), field(HWM, status));
  }

  /** Linux reports CPU time in USER_HZ ticks, 100 a second on every architecture it runs on. */
  static final double TICKS_PER_SECOND = 100;

  /** utime + stime of /proc/PID/stat, in seconds; fields counted after the command's ')'. */
  static double cpuSeconds(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  private static long field(Pattern p, String status) {
    Matcher m = p.matcher(status);
    if (!m.find()) {
      throw new IllegalArgumentException("no " + p.pattern() + " in /proc status");
    }
    return Long.parseLong(m.group(1));
  }
}
