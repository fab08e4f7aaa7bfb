package dev.mixserve.engine.llama;

import java.lang.System.Logger.Level;

/**
 * The level a llama.cpp log line gets in mixserve's log. ggml's levels: 1 debug, 2 info, 3 warn, 4
 * error, 5 continuation. llama.cpp reports every load step at info: debug detail for a server log.
 * Its tokenizer loader ("load: ...") warns about special-token ids that many working GGUF files
 * carry (an unset separator or padding id, an EOS outside the EOG set): the model loads and runs
 * fine, so those are debug too; a model that really cannot load fails with an error of its own.
 */
final class NativeLogLevel {
  private NativeLogLevel() {}

  static Level of(int ggmlLevel, String message) {
    return switch (ggmlLevel) {
      case 4 -> Level.ERROR;
      case 3 -> message.startsWith("load: ") ? Level.DEBUG : Level.WARNING;
      default -> Level.DEBUG;
    };
  }
}
