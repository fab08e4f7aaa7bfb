package dev.mixserve.engine.llama;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Message;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a request into the text the model reads.
 *
 * <p>With a chat template (the GGUF's own, or engine.options.chat_template) llama.cpp renders the
 * conversation with the assistant turn opened, as llama.cpp's server does by default: its built-in
 * templates (Llama 2/3, ChatML, Mistral, Gemma, Phi, DeepSeek and ~40 more), recognised from the
 * GGUF's Jinja text or given by name. A GGUF template it does not recognise is replaced by ChatML,
 * as llama.cpp's server does, and the model card says so.
 *
 * <p><b>Fallback without a template</b>: the model is a base model that only continues text, so the
 * prompt is the messages' contents joined by blank lines, with no role markers. A chat with a
 * single user message is then the same as a completion of that message (stories260K answers "Once
 * upon a time" with its story either way). llama.cpp's own fallback, ChatML, would feed a base
 * model tags it never saw.
 */
final class PromptBuilder {
  private static final List<Message> PROBE =
      List.of(
          new Message(Message.Role.SYSTEM, "s"),
          new Message(Message.Role.USER, "u"),
          new Message(Message.Role.ASSISTANT, "a"),
          new Message(Message.Role.USER, "u"));

  private final String template;
  private final String source;

  private PromptBuilder(String template, String source) {
    this.template = template;
    this.source = source;
  }

  /** The builder for a model, given the engine option (null: the GGUF's template). */
  static PromptBuilder of(Model model, String option) {
    if (option != null) {
      if (render(option, PROBE) == null) {
        throw new IllegalArgumentException(
            "engine.options.chat_template: llama.cpp has no built-in template like this one; give"
                + " a name such as chatml, llama3, llama2, mistral-v7, gemma, phi3, deepseek3 or"
                + " the GGUF's own Jinja text of one of those families");
      }
      return new PromptBuilder(option, "engine option");
    }
    String gguf = model.template();
    if (gguf == null) {
      return new PromptBuilder(null, "none (plain text fallback)");
    }
    if (render(gguf, PROBE) == null) {
      return new PromptBuilder("chatml", "chatml (llama.cpp does not know the GGUF's template)");
    }
    return new PromptBuilder(gguf, "gguf");
  }

  /** Where the template comes from, for the model card. */
  String source() {
    return source;
  }

  String build(ChatRequest.Input input) {
    return switch (input) {
      case ChatRequest.Input.Prompt p -> p.text();
      case ChatRequest.Input.Tokens t ->
          throw new IllegalArgumentException("token ids are read as they are, not rendered");
      case ChatRequest.Input.Messages m when template != null -> render(template, m.messages());
      case ChatRequest.Input.Messages m ->
          m.messages().stream().map(Message::content).collect(Collectors.joining("\n\n"));
    };
  }

  /** The rendered conversation, or null when llama.cpp does not know the template. */
  private static String render(String template, List<Message> messages) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment list = a.allocate(Llama.CHAT_MESSAGE, messages.size());
      long bytes = 0;
      for (int i = 0; i < messages.size(); i++) {
        Message m = messages.get(i);
        MemorySegment entry = list.asSlice(i * Llama.CHAT_MESSAGE.byteSize());
        entry.set(ADDRESS, 0, a.allocateFrom(m.role().id()));
        entry.set(ADDRESS, 8, a.allocateFrom(m.content()));
        bytes += m.content().length() * 3L;
      }
      MemorySegment t = a.allocateFrom(template);
      int length = (int) Math.min(Integer.MAX_VALUE - 8, 2 * bytes + 1024);
      MemorySegment out = a.allocate(length);
      int n = Llama.applyTemplate(t, list, messages.size(), out, length);
      if (n > length) {
        length = n;
        out = a.allocate(length);
        n = Llama.applyTemplate(t, list, messages.size(), out, length);
      }
      if (n < 0) {
        return null;
      }
      return new String(out.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }
  }
}
