package dev.mixserve.bench.startup;

/**
 * One start of one build.
 *
 * @param listening seconds from the process start to "listening on"
 * @param ready seconds from the process start until every deployment is ready
 * @param cpu CPU seconds the process used until ready (all its threads, user and system): the work
 *     of the start, which background load on a shared machine changes less than the wall time
 * @param atReady memory once ready
 * @param quickstart seconds the Quickstart requests took, one after another
 * @param after memory after the Quickstart (VmHWM: the peak of the whole run)
 */
record Round(
    double listening, double ready, double cpu, Rss atReady, double quickstart, Rss after) {
  String line() {
    return String.format(
        "listening %5.2f s  ready %5.2f s  cpu %5.2f s  RSS ready %4d MB  quickstart %5.2f s  RSS after %4d MB"
            + "  peak %4d MB",
        listening,
        ready,
        cpu,
        mb(atReady.vmRssKb()),
        quickstart,
        mb(after.vmRssKb()),
        mb(after.vmHwmKb()));
  }

  static long mb(long kb) {
    return Math.round(kb / 1024.0);
  }
}
