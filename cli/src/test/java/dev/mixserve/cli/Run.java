package dev.mixserve.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of the mixserve command in this JVM with its output captured. The commands print to
 * System.out and System.err as a terminal program does, so those are swapped for the run.
 */
record Run(int code, String out, String err) {
  static Run of(String... args) {
    return withInput(new byte[0], args);
  }

  /** A run with {@code input} as its standard input. */
  static synchronized Run withInput(byte[] input, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    java.io.InputStream oldIn = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(input));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.commandLine().execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
  }
}
