package dev.mixserve.cli.chat;

import dev.mixserve.client.MixserveException;

/** The exit codes of the client commands, so that scripts can tell failures apart. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int SERVER_ERROR = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;
  public static final int NOT_FOUND = 4;
  public static final int BAD_INPUT = 5;

  /** A model that runs on this machine (not on the server) is neither here nor to be had. */
  public static final int MISSING_MODEL = 6;

  private ExitCodes() {}

  public static int of(MixserveException e) {
    if (e.unreachable()) {
      return UNREACHABLE;
    }
    return e.status() == 404 ? NOT_FOUND : SERVER_ERROR;
  }
}
