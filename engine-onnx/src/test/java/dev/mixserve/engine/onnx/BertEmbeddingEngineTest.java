package dev.mixserve.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.EmbeddingEngine.Embedded;
import dev.mixserve.api.engine.EmbeddingEngine.Input;
import dev.mixserve.api.engine.RerankEngine.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertEmbeddingEngineTest {
  static final Path CACHE = Path.of("target");
  private static BertEmbeddingEngine engine;

  @BeforeAll
  static void load() {
    engine = OnnxFactories.embedder(deployment(Map.of()), CACHE);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  static Deployment deployment(Map<String, Object> options) {
    return new Deployment(
        "embeddings",
        "/embeddings",
        Task.EMBEDDING,
        new EngineSpec("onnx-bert", "builtin:bge-small-en-v1.5", options),
        null,
        null,
        1,
        null,
        null,
        null,
        null);
  }

  private static float[] one(String text) {
    return engine.embed(List.of(new Input.Text(text))).getFirst().vector();
  }

  private static double cos(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void vectorsAreUnitLength384() {
    float[] v = one("The quick brown fox jumps over the lazy dog.");
    assertThat(v).hasSize(384);
    assertThat(cos(v, v)).isCloseTo(1.0, within(1e-5));
    assertThat(engine.dimensions()).isEqualTo(384);
  }

  @Test
  void relatedSentencesScoreHigherThanUnrelated() {
    float[] cat = one("A cat sits on the mat.");
    float[] kitten = one("A kitten is sleeping on a rug.");
    float[] stocks = one("The stock market fell sharply today.");
    assertThat(cos(cat, kitten)).isGreaterThan(cos(cat, stocks) + 0.1);
  }

  @Test
  void vectorDoesNotDependOnBatchCompanions() {
    String text = "Batch invariance matters for caching and reproducibility.";
    float[] alone = one(text);
    var inputs = new ArrayList<Input>();
    for (int i = 0; i < 31; i++) {
      inputs.add(new Input.Text("filler " + "word ".repeat(i * 7) + i));
    }
    inputs.add(13, new Input.Text(text));
    List<Embedded> batch = engine.embed(inputs);
    float[] inBatch = batch.get(13).vector();
    double maxDiff = 0;
    for (int i = 0; i < alone.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(alone[i] - inBatch[i]));
    }
    assertThat(maxDiff).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void longInputIsTruncatedToMaxTokens() {
    var out = engine.embed(List.of(new Input.Text("word ".repeat(5000))));
    assertThat(out.getFirst().tokens()).isEqualTo(512);
  }

  @Test
  void aFourMegabyteInputReachesTheTokenizerAsAFewKilobytes() {
    String huge = "word ".repeat((4 << 20) / 5);
    long before = engine.encoder().charsTokenized();
    var out = engine.embed(List.of(new Input.Text(huge)));
    assertThat(out.getFirst().tokens()).isEqualTo(512);
    assertThat(engine.encoder().charsTokenized() - before).isLessThan(16_000);
  }

  @Test
  void tokenCountsIncludeSpecialTokens() {
    // [CLS] hello world [SEP]
    assertThat(engine.embed(List.of(new Input.Text("hello world"))).getFirst().tokens())
        .isEqualTo(4);
  }

  @Test
  void biEncoderRanksRelevantDocumentFirst() {
    var reranker =
        new BiEncoderRerankEngine("bge", OnnxFactories.embedder(deployment(Map.of()), CACHE));
    try (reranker) {
      var scores =
          reranker.score(
              List.of(
                  new Pair("What is the capital of France?", "Bananas are rich in potassium."),
                  new Pair("What is the capital of France?", "Paris is the capital of France.")));
      assertThat(scores.get(1).relevance()).isGreaterThan(scores.get(0).relevance());
      assertThat(scores.get(1).relevance()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void deploymentsOfOneModelShareOneEncoderThatOutlivesEachOfThem() {
    var other = OnnxFactories.embedder(deployment(Map.of("pooling", "mean")), CACHE);
    assertThat(other.encoder()).isSameAs(engine.encoder());
    other.close();
    assertThat(one("still served after the other deployment closed")).hasSize(384);
  }

  @Test
  void otherEncoderOptionsGetTheirOwnEncoder() {
    try (var other = OnnxFactories.embedder(deployment(Map.of("max_tokens", 128)), CACHE)) {
      assertThat(other.encoder()).isNotSameAs(engine.encoder());
      assertThat(other.maxTokens()).isEqualTo(128);
    }
  }
}
