package dev.mixserve.engine.llama;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Logprob;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A sampled token's logprob and the likeliest alternatives: log-softmax over the whole vocabulary
 * of the model's raw logits, that is <em>before</em> penalties, grammar, temperature, top-k/top-p
 * and min-p. This is what OpenAI reports (the model's probabilities, not the sampler's) and vLLM's
 * default ({@code raw_logprobs}); it also means the numbers do not change with temperature, and a
 * token a grammar forced can show a low logprob. Decoder thread only.
 */
final class Logprobs {
  private final Pieces pieces;
  private final float[] logits; // [vocabSize], this output's row copied out of llama.cpp
  private final int[] best = new int[ChatRequest.MAX_TOP_LOGPROBS];

  Logprobs(Pieces pieces, int vocabSize) {
    this.pieces = pieces;
    this.logits = new float[vocabSize];
  }

  /** The token drawn from the {@code output}-th row of the last decode, with {@code top} others. */
  Logprob of(MemorySegment ctx, int output, int token, int top) {
    MemorySegment row = Llama.logits(ctx, output, logits.length);
    MemorySegment.copy(row, JAVA_FLOAT, 0, logits, 0, logits.length);
    double logZ = logSumExp();
    int k = likeliest(top);
    var alternatives = new ArrayList<Logprob>(k);
    for (int i = 0; i < k; i++) {
      alternatives.add(entry(best[i], logZ, List.of()));
    }
    return entry(token, logZ, alternatives);
  }

  private Logprob entry(int token, double logZ, List<Logprob> top) {
    byte[] bytes = pieces.of(token);
    // Never above 0: rounding could put the likeliest token of a peaked row a hair over.
    double lp = Math.min(0, logits[token] - logZ);
    return new Logprob(new String(bytes, StandardCharsets.UTF_8), bytes.clone(), lp, top);
  }

  private double logSumExp() {
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - max);
    }
    return max + Math.log(sum);
  }

  // The k likeliest tokens into best[0..k), most likely first (ties: lower id first); returns k.
  private int likeliest(int top) {
    int k = Math.min(top, logits.length);
    int n = 0;
    for (int t = 0; t < logits.length; t++) {
      if (n < k) {
        n++;
      } else if (k == 0 || logits[t] <= logits[best[k - 1]]) {
        continue;
      }
      int i = n - 1;
      while (i > 0 && logits[best[i - 1]] < logits[t]) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = t;
    }
    return k;
  }
}
