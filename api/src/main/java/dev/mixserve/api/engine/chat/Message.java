package dev.mixserve.api.engine.chat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** One turn of a conversation. */
public record Message(Role role, String content) {
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** Who speaks; tool and function roles are not served. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT;

    /** The lower-case name used by the OpenAI protocol and chat templates. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an OpenAI role name ("developer" is the newer name for "system"). */
    public static Role parse(String text) {
      if ("developer".equals(text)) {
        return SYSTEM;
      }
      for (Role r : values()) {
        if (r.id().equals(text)) {
          return r;
        }
      }
      throw new IllegalArgumentException(
          "role must be one of "
              + Arrays.stream(values()).map(Role::id).toList()
              + ", got '"
              + text
              + "'");
    }
  }
}
