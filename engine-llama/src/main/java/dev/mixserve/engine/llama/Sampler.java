package dev.mixserve.engine.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.OutputFormat;
import dev.mixserve.api.engine.chat.Sampling;
import dev.mixserve.api.error.ServeException;

/** Maps a request's sampling, stop and format fields onto llama.cpp inference parameters. */
final class Sampler {
  private static final String ANY_OBJECT = "{\"type\":\"object\"}";

  private Sampler() {}

  static InferenceParameters params(String prompt, ChatRequest r, int maxTokens) {
    Sampling s = r.sampling();
    var p =
        new InferenceParameters(prompt)
            .setNPredict(maxTokens)
            .setTemperature((float) s.temperature())
            .setTopP((float) s.topP())
            .setPresencePenalty((float) s.presencePenalty())
            .setFrequencyPenalty((float) s.frequencyPenalty())
            .setCachePrompt(true);
    if (s.seed() != null) {
      p.setSeed((int) (long) s.seed());
    }
    if (!r.stop().isEmpty()) {
      p.setStopStrings(r.stop().toArray(String[]::new));
    }
    String grammar = grammar(r.format());
    if (grammar != null) {
      p.setGrammar(grammar);
    }
    return p;
  }

  /** A GBNF grammar for the format, or null for free text. */
  private static String grammar(OutputFormat f) {
    return switch (f) {
      case OutputFormat.Text t -> null;
      case OutputFormat.JsonObject j -> schema(ANY_OBJECT);
      case OutputFormat.JsonSchema j -> schema(j.schema());
      case OutputFormat.Grammar g -> g.gbnf();
    };
  }

  private static String schema(String json) {
    try {
      return LlamaModel.jsonSchemaToGrammar(json);
    } catch (RuntimeException e) {
      throw ServeException.invalid(
          "response_format",
          "llama.cpp cannot turn this JSON schema into a grammar: " + e.getMessage());
    }
  }
}
