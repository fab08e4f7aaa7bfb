package dev.mixserve.api.engine.chat;

/**
 * How the next token is picked.
 *
 * @param temperature 0 is greedy (deterministic); OpenAI range 0..2
 * @param topP nucleus sampling mass, 0..1 (0 keeps only the likeliest token)
 * @param seed fixes the random choices; null picks one
 * @param presencePenalty -2..2, penalises tokens already present
 * @param frequencyPenalty -2..2, penalises tokens by how often they appeared
 */
public record Sampling(
    double temperature, double topP, Long seed, double presencePenalty, double frequencyPenalty) {
  public static final Sampling DEFAULT = new Sampling(1.0, 1.0, null, 0, 0);
  public static final Sampling GREEDY = new Sampling(0, 1.0, null, 0, 0);

  public Sampling {
    check("temperature", temperature, 0, 2);
    check("presence_penalty", presencePenalty, -2, 2);
    check("frequency_penalty", frequencyPenalty, -2, 2);
    check("top_p", topP, 0, 1);
  }

  /**
   * The sampling of the {@code choice}-th of several answers to one prompt: a fixed seed moves by
   * the choice, so that the answers differ yet repeat with the seed.
   */
  public Sampling forChoice(int choice) {
    return seed == null || choice == 0
        ? this
        : new Sampling(temperature, topP, seed + choice, presencePenalty, frequencyPenalty);
  }

  private static void check(String name, double v, double min, double max) {
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + v);
    }
  }
}
