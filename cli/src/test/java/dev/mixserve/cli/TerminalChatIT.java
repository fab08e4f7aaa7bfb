package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interactive chat in a real pseudo-terminal (tmux), typed at as a user would. */
class TerminalChatIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static List<String> chat(String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var cmd =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "chat",
                "--url",
                CliTestServer.url()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void aQuestionIsAnsweredAndResetClearsTheHistory() {
    try (var t = new Tmux(chat("--max-tokens", "24"))) {
      t.waitFor("chat\\[0\\]>\\s*$", WAIT);
      t.send("Once upon a time", "Enter");
      String screen = t.waitFor("chat\\[1\\]>\\s*$", WAIT);
      String answer =
          screen.substring(screen.indexOf("Once upon a time") + 16, screen.lastIndexOf("chat[1]>"));
      assertThat(answer).matches("(?s)\\s*\\S.*"); // stories260K wrote something
      t.send("/reset", "Enter");
      t.waitFor("history cleared\\s+chat\\[0\\]>\\s*$", WAIT);
      t.send("/exit", "Enter");
    }
  }

  @Test
  void ctrlCStopsTheAnswerAndTheChatGoesOn() {
    try (var t = new Tmux(chat("--route", "/echo-chat"))) {
      t.waitFor("chat\\[0\\]>\\s*$", WAIT);
      t.send("hello there", "Enter");
      t.waitFor(
          "hello there\\s+hello there\\s+chat\\[1\\]>\\s*$", WAIT); // echo answers the question
      t.send("@delay=60s a very slow answer", "Enter");
      long start = System.nanoTime();
      t.send("C-c");
      t.waitFor("\\[cancelled\\]\\s+chat\\[2\\]>\\s*$", WAIT);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      t.send("/reset", "Enter");
      t.waitFor("history cleared\\s+chat\\[0\\]>\\s*$", WAIT);
      t.send("/exit", "Enter");
    }
  }
}
