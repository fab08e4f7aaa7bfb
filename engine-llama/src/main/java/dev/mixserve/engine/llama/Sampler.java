package dev.mixserve.engine.llama;

import de.kherud.llama.LlamaModel;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.OutputFormat;
import dev.mixserve.api.engine.chat.Sampling;
import dev.mixserve.api.error.ServeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A request's sampling, as a llama.cpp sampler chain: grammar (response_format), penalties, then
 * greedy for temperature 0, else top-k 40, top-p, min-p 0.05, temperature and a seeded draw. Top-k
 * 40 and min-p 0.05 are llama.cpp's server defaults, which the OpenAI API has no fields for.
 */
final class Sampler {
  private static final String ANY_OBJECT = "{\"type\":\"object\"}";
  private static final int PENALTY_LAST_N = 64;

  private Sampler() {}

  /** A new native chain; the caller frees it with {@link Llama#freeSampler}. */
  static MemorySegment chain(Model model, ChatRequest r) {
    Sampling s = r.sampling();
    String gbnf = grammar(r.format());
    MemorySegment chain = LlamaSamplers.newChain();
    if (gbnf != null) {
      MemorySegment g;
      try (Arena a = Arena.ofConfined()) {
        g = LlamaSamplers.grammar(model.vocab, a.allocateFrom(gbnf), a.allocateFrom("root"));
      }
      if (g.address() == 0 || !LlamaSamplers.grammarParsed(g, gbnf, "root")) {
        if (g.address() != 0) {
          LlamaSamplers.freeSampler(g);
        }
        LlamaSamplers.freeSampler(chain);
        throw ServeException.invalid(
            "response_format", "llama.cpp cannot parse this grammar (GBNF with a root rule)");
      }
      LlamaSamplers.add(chain, g);
    }
    if (s.presencePenalty() != 0 || s.frequencyPenalty() != 0) {
      LlamaSamplers.add(
          chain,
          LlamaSamplers.penalties(
              PENALTY_LAST_N, (float) s.frequencyPenalty(), (float) s.presencePenalty()));
    }
    if (s.temperature() <= 0) {
      LlamaSamplers.add(chain, LlamaSamplers.greedy());
      return chain;
    }
    LlamaSamplers.add(chain, LlamaSamplers.topK(40));
    if (s.topP() < 1) {
      LlamaSamplers.add(chain, LlamaSamplers.topP((float) s.topP()));
    }
    LlamaSamplers.add(chain, LlamaSamplers.minP(0.05f));
    LlamaSamplers.add(chain, LlamaSamplers.temperature((float) s.temperature()));
    LlamaSamplers.add(
        chain, LlamaSamplers.dist(s.seed() == null ? Llama.RANDOM_SEED : (int) (long) s.seed()));
    return chain;
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
