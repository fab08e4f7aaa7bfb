package dev.mixserve.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * One line per log record: {@code 2026-12-02T12:00:00.123Z INFO message}, in place of
 * java.util.logging's two-line default, whose second line is a bare continuation that log readers
 * and grep cannot tie to its first. A record's exception is summed up on the same line; its stack
 * trace follows only at debug level ({@value #LEVEL_ENV}=debug), where someone asked for detail.
 */
final class LogFormat extends Formatter {
  /** debug, info (the default), warn or error. */
  static final String LEVEL_ENV = "MIXSERVE_LOG_LEVEL";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static volatile boolean installed;

  private final boolean stackTraces;

  LogFormat(boolean stackTraces) {
    this.stackTraces = stackTraces;
  }

  /** Replaces the root logger's handlers by one that writes this format to standard error. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    Level level = level(System.getenv(LEVEL_ENV));
    Handler handler =
        new StreamHandler(System.err, new LogFormat(level.intValue() <= Level.FINE.intValue())) {
          @Override
          public synchronized void publish(LogRecord r) {
            super.publish(r);
            flush(); // a line as it happens, not when a buffer fills
          }
        };
    handler.setLevel(Level.ALL); // loggers decide; `serve --access-log` lowers one of them
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.addHandler(handler);
    root.setLevel(level);
    installed = true;
  }

  static Level level(String name) {
    if (name == null || name.isBlank()) {
      return Level.INFO;
    }
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "debug", "fine" -> Level.FINE;
      case "trace", "all" -> Level.ALL;
      case "warn", "warning" -> Level.WARNING;
      case "error", "severe" -> Level.SEVERE;
      default -> Level.INFO;
    };
  }

  @Override
  public String format(LogRecord r) {
    var line = new StringBuilder(96);
    line.append(TIME.format(r.getInstant())).append(' ');
    line.append(String.format("%-5s", label(r.getLevel()))).append(' ');
    String message = formatMessage(r);
    line.append(oneLine(message == null ? "" : message));
    Throwable t = r.getThrown();
    if (t != null && (message == null || !message.contains(String.valueOf(t.getMessage())))) {
      line.append(": ").append(oneLine(t.toString()));
    }
    line.append(System.lineSeparator());
    if (t != null && stackTraces) {
      var trace = new java.io.StringWriter();
      t.printStackTrace(new java.io.PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  static String label(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (v >= Level.WARNING.intValue()) {
      return "WARN";
    }
    if (v >= Level.INFO.intValue()) {
      return "INFO";
    }
    return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
  }

  /** A message with line breaks (a native library's, a config's) stays one line. */
  private static String oneLine(String s) {
    return s.strip().replaceAll("\\R+", " | ");
  }
}
