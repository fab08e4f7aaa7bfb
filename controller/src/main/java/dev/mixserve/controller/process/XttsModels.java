package dev.mixserve.controller.process;

import java.util.List;

/**
 * How Coqui's {@code tts-server} (the coqui-tts package) loads an engine.model. It takes a model of
 * its own catalog by name and downloads it itself; the catalog's XTTS-v2 is the Hub's
 * coqui/XTTS-v2, so that id means the catalog name. Anything else that is not a catalog name is a
 * directory holding a model's files (config.json beside the weights).
 */
final class XttsModels {
  /** The catalog's name of the Hub's coqui/XTTS-v2 (TTS/.models.json downloads it from there). */
  static final String XTTS_V2 = "tts_models/multilingual/multi-dataset/xtts_v2";

  /** One of XTTS-v2's built-in speakers, for requests that name none. */
  static final String VOICE = "Ana Florence";

  private XttsModels() {}

  static List<String> args(String model) {
    if (model.isBlank() || model.equalsIgnoreCase("coqui/XTTS-v2")) {
      return List.of("--model_name", XTTS_V2);
    }
    if (model.startsWith("tts_models/")) {
      return List.of("--model_name", model);
    }
    String dir = model.endsWith("/") ? model.substring(0, model.length() - 1) : model;
    return List.of("--model_path", dir, "--config_path", dir + "/config.json");
  }
}
