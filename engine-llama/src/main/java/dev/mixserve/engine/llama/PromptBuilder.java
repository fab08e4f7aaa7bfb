package dev.mixserve.engine.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.Pair;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Message;
import dev.mixserve.api.engine.chat.Message.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a request into the text the model reads.
 *
 * <p>With a chat template (the GGUF's own, or engine.options.chat_template) llama.cpp renders the
 * conversation, with the assistant turn opened. System messages are joined into one at the top,
 * because templates (and the binding) take a single system prompt.
 *
 * <p><b>Fallback without a template</b>: the model is a base model that only continues text, so the
 * prompt is the messages' contents joined by blank lines, with no role markers. A chat with a
 * single user message is then the same as a completion of that message (stories260K answers "Once
 * upon a time" with its story either way). llama.cpp's own fallback, ChatML, would feed a base
 * model tags it never saw.
 */
final class PromptBuilder {
  private final LlamaModel model;
  private final boolean templated;

  PromptBuilder(LlamaModel model, boolean templated) {
    this.model = model;
    this.templated = templated;
  }

  boolean templated() {
    return templated;
  }

  String build(ChatRequest.Input input) {
    return switch (input) {
      case ChatRequest.Input.Prompt p -> p.text();
      case ChatRequest.Input.Messages m when templated -> template(m.messages());
      case ChatRequest.Input.Messages m ->
          m.messages().stream().map(Message::content).collect(Collectors.joining("\n\n"));
    };
  }

  private String template(List<Message> messages) {
    String system =
        messages.stream()
            .filter(x -> x.role() == Role.SYSTEM)
            .map(Message::content)
            .collect(Collectors.joining("\n\n"));
    var turns = new ArrayList<Pair<String, String>>();
    for (Message x : messages) {
      if (x.role() != Role.SYSTEM) {
        turns.add(new Pair<>(x.role().id(), x.content()));
      }
    }
    var p = new InferenceParameters("").setMessages(system, turns);
    return model.applyTemplate(p);
  }
}
