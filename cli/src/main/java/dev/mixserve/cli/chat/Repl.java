package dev.mixserve.cli.chat;

import dev.mixserve.client.MixserveException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The interactive loop: a question per line, or a command ({@code /reset}, {@code /system TEXT},
 * {@code /exit}). The prompt shows how many turns the history holds. A server error ends the
 * answer, not the chat.
 */
public final class Repl {
  private static final String HELP =
      "commands: /reset  /system TEXT  /exit   (Ctrl-C stops an answer, Ctrl-D leaves)";

  private final ChatSession session;
  private final BufferedReader in;
  private final PrintStream out;

  public Repl(ChatSession session, BufferedReader in, PrintStream out) {
    this.session = session;
    this.in = in;
    this.out = out;
  }

  public void run() throws IOException {
    out.println(HELP);
    prompt();
    String line;
    while ((line = in.readLine()) != null) {
      if (!handle(line.strip())) {
        return;
      }
      prompt();
    }
    out.println();
  }

  /** Acts on one line; false to leave. */
  boolean handle(String line) {
    if (line.isEmpty()) {
      return true;
    }
    if (line.equals("/exit") || line.equals("/quit")) {
      return false;
    }
    if (line.equals("/reset")) {
      session.conversation().reset();
      out.println("history cleared");
    } else if (line.equals("/system") || line.startsWith("/system ")) {
      session.conversation().system(line.substring("/system".length()).strip());
      out.println("system prompt set");
    } else if (line.startsWith("/")) {
      out.println("unknown command " + line.split(" ")[0] + "; " + HELP);
    } else {
      try {
        session.ask(line, out);
      } catch (MixserveException | DocsException e) {
        out.println();
        out.println("error: " + e.getMessage());
      }
    }
    return true;
  }

  public void prompt() {
    out.print("chat[" + session.conversation().turns() + "]> ");
    out.flush();
  }
}
