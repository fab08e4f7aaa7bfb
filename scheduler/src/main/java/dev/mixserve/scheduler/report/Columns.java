package dev.mixserve.scheduler.report;

import java.util.List;

/** Left-aligned text columns, two spaces apart. */
final class Columns {
  private Columns() {}

  static String align(List<List<String>> rows) {
    int cols = rows.getFirst().size();
    int[] width = new int[cols];
    for (List<String> row : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    var out = new StringBuilder();
    for (List<String> row : rows) {
      var line = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        line.append(c == cols - 1 ? row.get(c) : pad(row.get(c), width[c] + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
