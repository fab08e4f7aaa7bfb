package dev.mixserve.gateway.http;

import java.lang.System.Logger.Level;

/**
 * One line per answered request, on logger {@code mixserve.access} at DEBUG (off unless asked for:
 * {@code serve --access-log}): who asked (the key's name, never the key), for what, and what it was
 * answered, by the handler and by the front door alike.
 */
public final class AccessLog {
  private static final System.Logger LOG = System.getLogger("mixserve.access");

  private AccessLog() {}

  public static boolean on() {
    return LOG.isLoggable(Level.DEBUG);
  }

  /**
   * @param via {@code handler} or {@code direct} (the front door forwarded it itself)
   */
  public static void line(
      String method,
      String path,
      int status,
      long nanos,
      String key,
      String deployment,
      String via) {
    if (!on()) {
      return;
    }
    LOG.log(
        Level.DEBUG,
        "%s %s %d %.1fms key=%s deployment=%s via=%s"
            .formatted(
                method,
                path,
                status,
                nanos / 1e6,
                key,
                deployment == null ? "-" : deployment,
                via));
  }
}
