package dev.mixserve.cli.chat;

import java.util.List;

/**
 * The user message sent when answering from documents: numbered excerpts, then the question. Only
 * the plain question goes into the history, so that old excerpts do not eat the context budget.
 */
public final class RagPrompt {
  private RagPrompt() {}

  public static String message(String question, List<Hit> hits) {
    var files = Retriever.files(hits);
    var b = new StringBuilder("Answer the question from these excerpts; cite them as [n].\n\n");
    for (Hit h : hits) {
      b.append('[')
          .append(files.indexOf(h.chunk().file()) + 1)
          .append("] ")
          .append(h.chunk().file())
          .append(":\n")
          .append(h.chunk().text())
          .append("\n\n");
    }
    return b.append("Question: ").append(question).toString();
  }

  /** The line printed after the answer, e.g. {@code Sources: [1] paris.md, [2] notes/x.txt}. */
  public static String sources(List<Hit> hits) {
    var files = Retriever.files(hits);
    var b = new StringBuilder("Sources:");
    for (int i = 0; i < files.size(); i++) {
      b.append(i == 0 ? " " : ", ").append('[').append(i + 1).append("] ").append(files.get(i));
    }
    return b.toString();
  }
}
