package dev.mixserve.cli.chat;

/** The docs folder cannot be used: missing, unreadable, or holding no text files. */
public final class DocsException extends RuntimeException {
  public DocsException(String message, Throwable cause) {
    super(message, cause);
  }

  public DocsException(String message) {
    super(message);
  }
}
