package dev.mixserve.api.engine.chat;

/** Receives a generation as it happens, on the thread that runs it. */
@FunctionalInterface
public interface ChatSink {
  /** A piece of generated text; throwing here cancels the generation. */
  void piece(String text);

  /** A slot took the request. */
  default void started(ChatEvent.Started started) {}
}
