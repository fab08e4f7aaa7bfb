package dev.mixserve.controller.process;

import java.util.List;

/** Why a replica's process ended, in one string for status pages and logs. */
final class ExitReason {
  private ExitReason() {}

  static String of(int code, List<String> lastLines) {
    String reason = "exit code " + code + signal(code);
    return lastLines.isEmpty()
        ? reason + "; no output"
        : reason + "; last lines:\n" + String.join("\n", lastLines);
  }

  /** The JDK reports a process killed by signal N as exit code 128 + N. */
  private static String signal(int code) {
    return switch (code) {
      case 137 -> " (killed: SIGKILL)";
      case 143 -> " (SIGTERM)";
      case 134 -> " (aborted: SIGABRT)";
      case 139 -> " (crashed: SIGSEGV)";
      default -> "";
    };
  }
}
