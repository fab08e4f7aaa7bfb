package dev.mixserve.cli;

import sun.misc.Signal;

/**
 * Ctrl-C for the interactive commands: the terminal's SIGINT runs {@code action} instead of ending
 * the JVM, so that it stops an answer and the chat goes on. sun.misc.Signal is the JDK's only way
 * to catch a signal without ending the process (jdk.unsupported, exported for this use).
 */
final class Interrupts {
  private Interrupts() {}

  static void onCtrlC(Runnable action) {
    Signal.handle(new Signal("INT"), sig -> action.run());
  }
}
