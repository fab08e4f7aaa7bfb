package dev.mixserve.cli;

import dev.mixserve.cli.chat.ChatSession;
import dev.mixserve.cli.chat.Conversation;
import dev.mixserve.cli.chat.DocsException;
import dev.mixserve.cli.chat.ExitCodes;
import dev.mixserve.cli.chat.Preflight;
import dev.mixserve.cli.chat.Repl;
import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.MixserveException;
import dev.mixserve.client.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The chat handler: a streaming terminal chat with a mixserve /llm, optionally over documents. */
@Command(
    name = "chat",
    description =
        "Chat with the /llm route, streaming; --docs answers from a folder of text files.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 server error, 2 usage, 3 server unreachable, 4 route or model missing, 5 docs folder unusable."
    })
final class ChatCommand implements Callable<Integer> {
  @Mixin ClientOptionsMixin server;
  @Mixin DocsOptions docs;

  @Option(
      names = {"-p", "--prompt"},
      paramLabel = "TEXT",
      description = "Ask one question, print the answer and exit.")
  String prompt;

  @Option(
      names = "--route",
      defaultValue = "/llm",
      description = "Chat route (default ${DEFAULT-VALUE}).")
  String route;

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "Model name; without --route it is chosen at the root.")
  String model;

  @Option(names = "--system", paramLabel = "TEXT", description = "System prompt.")
  String system;

  @Option(names = "--max-tokens", paramLabel = "N", description = "Longest answer in tokens.")
  Integer maxTokens;

  @Option(
      names = "--context",
      paramLabel = "TOKENS",
      defaultValue = "2048",
      description = "History budget in tokens (default ${DEFAULT-VALUE}).")
  int context;

  @Override
  public Integer call() throws IOException {
    Target target = new Target(model != null && route.equals("/llm") ? "" : route, model);
    try (var client = new MixserveClient(server.options())) {
      docs.check();
      Preflight.require(client, target, "chat", server.url);
      var retriever = docs.retriever(client, server.url, System.err);
      var session =
          new ChatSession(client, target, new Conversation(context, system), retriever, maxTokens);
      if (prompt != null) {
        session.ask(prompt, System.out);
        return ExitCodes.OK;
      }
      var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      var repl = new Repl(session, in, System.out);
      Interrupts.onCtrlC(
          () -> {
            if (!session.cancel()) {
              System.out.println();
              repl.prompt();
            }
          });
      repl.run();
      return ExitCodes.OK;
    } catch (MixserveException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCodes.of(e);
    } catch (DocsException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
  }
}
