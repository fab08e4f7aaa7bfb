package dev.mixserve.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RssAndMedianTest {
  @Test
  void readsCurrentAndPeakResidentMemory() {
    String status = "Name:\tjava\nVmHWM:\t 1216608 kB\nVmRSS:\t 1081272 kB\nThreads:\t40\n";
    assertThat(Rss.parse(status)).isEqualTo(new Rss(1081272, 1216608));
    assertThat(Round.mb(1081272)).isEqualTo(1056);
  }

  @Test
  void cpuTimeIsUserPlusSystemTicksEvenWithSpacesInTheCommandName() {
    String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 1 0 0 0 250 75 0 0 20 0 40 0";
    assertThat(Rss.cpuSeconds(stat)).isEqualTo(3.25);
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Report.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Report.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }
}
