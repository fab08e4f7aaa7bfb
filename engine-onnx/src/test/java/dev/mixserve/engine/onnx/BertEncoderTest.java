package dev.mixserve.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encoder cuts text before tokenizing; what the model sees must not change. */
class BertEncoderTest {
  private static final ModelFiles BGE =
      ModelFiles.resolve("builtin:bge-small-en-v1.5", Path.of("target"));

  @Test
  void anOverLongInputGivesTheVectorOfTheWholeText() throws IOException {
    var rnd = new Random(1);
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(400) + random(rnd, 300);
    try (var encoder = new BertEncoder(BGE, 1, 512);
        var whole = TokenWindowTest.tokenizer(BGE.tokenizerJson(), 512)) {
      long before = encoder.charsTokenized();
      var cut = encoder.tokenize(List.of(text));
      assertThat(encoder.charsTokenized() - before).isLessThan(text.length() / 5);
      var full = tokens(whole.encode(text));
      assertThat(cut[0].ids()).isEqualTo(full.ids());
      assertThat(encoder.run(cut).data())
          .isEqualTo(encoder.run(new BertEncoder.Tokens[] {full}).data());
    }
  }

  @Test
  void aFourMegabyteDocumentOfAPairReachesTheTokenizerAsAFewKilobytes() {
    try (var encoder = new BertEncoder(BGE, 1, 512)) {
      String doc = "lorem ipsum ".repeat((4 << 20) / 12);
      var pair = encoder.tokenizePairs(List.of("what is lorem ipsum?"), List.of(doc));
      assertThat(pair[0].length()).isEqualTo(512);
      assertThat(encoder.charsTokenized()).isLessThan(16_000);
    }
  }

  /**
   * Pairs truncate the longer side first, so cutting one side must not change which side is longer.
   * (When both sides are cut, the odd token of an odd window may move; not checked.)
   */
  @Test
  void pairsKeepTheirTokens() throws IOException {
    int max = 18; // 15 tokens for the texts: odd, so the longer side keeps one more
    var window = TokenWindow.of(BGE.tokenizerJson(), max);
    var rnd = new Random(3);
    try (var encoder = new BertEncoder(BGE, 1, max);
        var whole = TokenWindowTest.tokenizer(BGE.tokenizerJson(), max)) {
      var first = new ArrayList<String>();
      var second = new ArrayList<String>();
      // Three words of many pieces each: few words, many tokens, not cut; against a cut text.
      String pieces =
          "antidisestablishmentarianism pneumonoultramicroscopic floccinaucinihilipilification";
      first.addAll(List.of(pieces, "a ".repeat(1000)));
      second.addAll(List.of("a ".repeat(1000), pieces));
      while (first.size() < 300) {
        String a = random(rnd, 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 40));
        String b = random(rnd, 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 40));
        if (window.cut(a).exact() || window.cut(b).exact()) {
          first.add(a);
          second.add(b);
        }
      }
      var got = encoder.tokenizePairs(first, second);
      var want = whole.batchEncode(new PairList<>(first, second));
      for (int i = 0; i < got.length; i++) {
        assertThat(got[i].ids())
            .as("%s | %s", first.get(i), second.get(i))
            .isEqualTo(want[i].getIds());
        assertThat(got[i].typeIds()).isEqualTo(want[i].getTypeIds());
      }
    }
  }

  private static BertEncoder.Tokens tokens(Encoding e) {
    return new BertEncoder.Tokens(e.getIds(), e.getTypeIds());
  }

  private static String random(Random rnd, int pieces) {
    return TokenWindowTest.random(rnd, pieces);
  }
}
