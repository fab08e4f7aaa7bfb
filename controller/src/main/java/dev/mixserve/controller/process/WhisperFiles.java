package dev.mixserve.controller.process;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which GGML file whisper.cpp's server loads for an engine.model. whisper.cpp reads only its own
 * GGML files, not the Hub's PyTorch checkpoints, so an OpenAI Hub id ({@code
 * openai/whisper-large-v3}) names the same weights converted by whisper.cpp's authors, from the Hub
 * repository their download script uses ({@code hf://ggerganov/whisper.cpp/ggml-large-v3.bin}). A
 * path or another {@code hf://} URI is taken as given.
 */
final class WhisperFiles {
  /** Where models/download-ggml-model.sh of whisper.cpp takes its files from. */
  static final String REPO = "hf://ggerganov/whisper.cpp/";

  /** The OpenAI checkpoints that repository holds a GGML file of (quantized ones by path). */
  static final List<String> SIZES =
      List.of(
          "tiny",
          "tiny.en",
          "base",
          "base.en",
          "small",
          "small.en",
          "medium",
          "medium.en",
          "large-v1",
          "large-v2",
          "large-v3",
          "large-v3-turbo");

  private static final Pattern OPENAI = Pattern.compile("openai/whisper-(.+)");

  private WhisperFiles() {}

  /** A path or hf:// URI of a GGML file, for the model fetcher. */
  static String reference(String model) {
    if (model.isBlank()) {
      throw new IllegalArgumentException(
          "engine.model: give a GGML file, hf://OWNER/REPO/ggml-*.bin or openai/whisper-SIZE");
    }
    var m = OPENAI.matcher(model);
    if (!m.matches()) {
      return model;
    }
    // The Hub's openai/whisper-large is the first large model; whisper.cpp names it large-v1.
    String size = m.group(1).equals("large") ? "large-v1" : m.group(1);
    if (!SIZES.contains(size)) {
      throw new IllegalArgumentException(
          "engine.model: whisper.cpp has no GGML file of "
              + model
              + "; openai/whisper-SIZE with SIZE one of "
              + SIZES
              + ", or give a GGML file path or hf:// URI");
    }
    return REPO + "ggml-" + size + ".bin";
  }
}
