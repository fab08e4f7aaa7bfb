package dev.mixserve.bench.handwritten;

import dev.mixserve.core.download.ProgressAccess;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar: core's download bar against me.tongfei:progressbar (on JLine). What each writes
 * when stderr is a log file and when it is a terminal (a pty through script(1)), for a simulated
 * 3-second download resumed at 10%, the cost of an update, and the jars it brings.
 */
final class ProgressBench {
  static final long TOTAL = 300L << 20;
  static final long RESUMED = 30L << 20;
  static final int STEP = 1 << 16;

  /** As ./mixserve starts the JVM: JLine's native loader would warn otherwise. */
  static final String NATIVE = "--enable-native-access=ALL-UNNAMED";

  private ProgressBench() {}

  static void run(Measure m) throws Exception {
    long jars = 0;
    var names = new StringBuilder();
    for (File jar : YamlBench.classPath()) {
      String n = jar.getName();
      if (n.startsWith("progressbar") || n.startsWith("jline")) {
        jars += jar.length();
        names.append(String.format(Locale.ROOT, " %s %d KiB;", n, jar.length() >> 10));
      }
    }
    System.out.printf("the library's jars: %d KiB:%s%n", jars >> 10, names);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp =
        String.join(File.pathSeparator, YamlBench.classPath().stream().map(File::getPath).toList());
    System.out.println(
        "3 s download of 300 MiB from 30 MiB on, stderr to a file (a service's log):");
    for (String mode : List.of("ours", "lib", "lib-ascii")) {
      Path log = Files.createTempFile("progress-" + mode, ".log");
      new ProcessBuilder(java, NATIVE, "-cp", cp, ProgressBench.class.getName(), mode)
          .redirectError(log.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
      describe(mode, Files.readAllBytes(log));
      Files.delete(log);
    }
    if (new File("/usr/bin/script").canExecute()) {
      System.out.println("the same on a terminal (script(1) gives it a pty):");
      for (String mode : List.of("ours", "lib", "lib-ascii")) {
        Path log = Files.createTempFile("progress-tty-" + mode, ".log");
        String cmd =
            String.join(" ", java, NATIVE, "-cp", cp, ProgressBench.class.getName(), mode, "2>&1");
        new ProcessBuilder("/usr/bin/script", "-qfec", cmd, log.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor();
        describe(mode, Files.readAllBytes(log));
        Files.delete(log);
      }
    }
    var nowhere = new PrintStream(OutputStream.nullOutputStream());
    var ourBar = new ProgressAccess(nowhere, "model.gguf", TOTAL, 0);
    try (var libBar = libBar(nowhere, ProgressBarStyle.ASCII)) {
      var updates =
          m.compare(
              "ours",
              () -> {
                for (long b = 0; b < TOTAL; b += STEP) {
                  ourBar.update(b);
                }
                return ourBar;
              },
              "lib",
              () -> {
                for (long b = 0; b < TOTAL; b += STEP) {
                  libBar.stepTo(b);
                }
                return libBar.getCurrent();
              });
      System.out.println(updates.row("4,800 updates (300 MiB in 64 KiB)", 0));
    }
    var make =
        m.compare(
            "ours",
            () -> new ProgressAccess(nowhere, "model.gguf", TOTAL, 0),
            "lib",
            () -> {
              try (var bar = libBar(nowhere, ProgressBarStyle.ASCII)) {
                return bar.getMax();
              }
            });
    System.out.println(make.row("a bar made and closed (one a file)", 0));
  }

  private static ProgressBar libBar(PrintStream out, ProgressBarStyle style) {
    var b =
        new ProgressBarBuilder()
            .setTaskName("model.gguf")
            .setInitialMax(TOTAL)
            .setUnit(" MiB", 1 << 20)
            .showSpeed()
            .setUpdateIntervalMillis(200)
            .startsFrom(RESUMED, Duration.ZERO);
    if (style != null) {
      b.setStyle(style);
    }
    if (out != null) {
      b.setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out));
    }
    return b.build();
  }

  private static void describe(String mode, byte[] out) {
    // script(1) frames the typescript with a line before and after: not the program's
    String text =
        java.util.Arrays.stream(
                new String(out, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1))
            .filter(l -> !l.startsWith("Script started on ") && !l.startsWith("Script done on "))
            .collect(java.util.stream.Collectors.joining("\n"));
    int lf = 0;
    int cr = 0;
    int esc = 0;
    for (char c : text.toCharArray()) {
      lf += c == '\n' ? 1 : 0;
      cr += c == '\r' ? 1 : 0;
      esc += c == 0x1b ? 1 : 0;
    }
    int size = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    String[] redraws = text.split("[\r\n]+");
    var last = new ArrayList<String>();
    for (String r : redraws) {
      if (!r.isBlank()) {
        last.add(r);
      }
    }
    String shown = last.isEmpty() ? "" : last.getLast();
    System.out.printf(
        "  %-9s %6d bytes, %3d newlines, %3d carriage returns, %4d ESC; last: %s%n",
        mode, size, lf, cr, esc, shown.replace("\u001b", "\\e"));
    String other =
        text.lines()
            .filter(l -> l.contains("WARN") || l.contains("arning"))
            .findFirst()
            .orElse(null);
    if (other != null) {
      System.out.println("            also: " + other.replace("\r", "\\r"));
    }
  }

  /** Child: a paced 3-second download drawn by {@code ours|lib|lib-ascii} on stderr. */
  public static void main(String[] args) {
    String mode = args[0];
    long start = System.nanoTime();
    long span = Duration.ofSeconds(3).toNanos();
    var ours =
        mode.equals("ours") ? new ProgressAccess(System.err, "model.gguf", TOTAL, RESUMED) : null;
    ProgressBar lib =
        mode.equals("ours")
            ? null
            : libBar(null, mode.equals("lib-ascii") ? ProgressBarStyle.ASCII : null);
    for (long b = RESUMED; b <= TOTAL; b += STEP) {
      long due = start + (b - RESUMED) * span / (TOTAL - RESUMED);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (ours != null) {
        ours.update(b);
      } else {
        lib.stepTo(b);
      }
    }
    if (ours != null) {
      ours.done(TOTAL);
    } else {
      lib.close();
    }
  }
}
