package dev.mixserve.client;

import java.util.Objects;
import java.util.Set;

/**
 * One message of a conversation.
 *
 * @param role system, user or assistant
 */
public record ChatMessage(String role, String content) {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");

  public ChatMessage {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("role must be one of " + ROLES + ", got " + role);
    }
    Objects.requireNonNull(content, "content");
  }

  public static ChatMessage system(String text) {
    return new ChatMessage("system", text);
  }

  public static ChatMessage user(String text) {
    return new ChatMessage("user", text);
  }

  public static ChatMessage assistant(String text) {
    return new ChatMessage("assistant", text);
  }
}
