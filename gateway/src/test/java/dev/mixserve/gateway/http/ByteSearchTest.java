package dev.mixserve.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.gateway.UploadStallIT;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ByteSearchTest {
  @Test
  void findsTheFirstWholeOccurrenceWithinTheRange() {
    var s = new ByteSearch(bytes("abab"));
    byte[] hay = bytes("xxabaabababx");
    assertThat(s.find(hay, 0, hay.length)).isEqualTo(5);
    assertThat(s.find(hay, 6, hay.length)).isEqualTo(7);
    assertThat(s.find(hay, 0, 8)).isEqualTo(-1); // the match at 5 ends at 9
    assertThat(s.find(hay, 0, 9)).isEqualTo(5);
    assertThat(new ByteSearch(bytes("\r\n--b")).find(bytes("--b\r\n-\r\n--b"), 0, 11)).isEqualTo(6);
  }

  @Test
  void nearMissesOfTheLongestMultipartDelimiterCostAtMostTwoComparisonsPerByte() {
    byte[] delimiter = bytes("\r\n--" + "-".repeat(70));
    byte[] hay = UploadStallIT.nearMisses(8 << 20, 71);
    var s = new ByteSearch(delimiter);
    assertThat(s.find(hay, 0, hay.length)).isEqualTo(-1);
    assertThat(s.comparisons()).isLessThanOrEqualTo(2L * hay.length);
  }

  @Test
  void aNeedleThatRepeatsItselfCostsNoMoreThanAnyOther() {
    // byte by byte, this cost needle × hay = 10^10 comparisons
    byte[] needle = new byte[10_001];
    Arrays.fill(needle, (byte) 'a');
    needle[10_000] = 'b';
    byte[] hay = new byte[1_000_000];
    Arrays.fill(hay, (byte) 'a');
    var s = new ByteSearch(needle);
    assertThat(s.find(hay, 0, hay.length)).isEqualTo(-1);
    assertThat(s.comparisons()).isLessThanOrEqualTo(2L * hay.length);
    hay[hay.length - 1] = 'b';
    assertThat(s.find(hay, 0, hay.length)).isEqualTo(hay.length - needle.length);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
