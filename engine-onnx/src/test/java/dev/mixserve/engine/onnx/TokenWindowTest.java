package dev.mixserve.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cut text must give the very tokens the whole text gave; and it must be short. */
class TokenWindowTest {
  static final byte[] BGE = BertCharsTest.BGE;

  /** Pieces that stress the rules: words of many scripts, runs, marks, typed special tokens. */
  static final List<String> PIECES =
      List.of(
          "word",
          "Hello",
          "naïve",
          "привет",
          "日本語",
          "中",
          "한국어",
          "ελληνικά",
          "שָׁלוֹם",
          "مرحبا",
          "café",
          "CAFÉ",
          "x",
          "42",
          " ",
          "  ",
          "\t",
          "\n",
          "\r\n",
          "\u3000",
          "\u00a0",
          ".",
          ",",
          "!",
          "“",
          "—",
          "\u200b",
          "\u0000",
          "\u0301",
          "\u0301\u0302",
          "\u00ad",
          "\ufffd",
          "\u0600",
          "😀",
          "\ue000",
          "\u0bcd",
          "𝔘",
          "\u08d3",
          "[CLS]",
          "[SEP]",
          "[MASK]",
          "[",
          "]",
          "[CL",
          "S]",
          "[[CLS]]",
          "[PAD",
          "a".repeat(150),
          "x".repeat(99),
          "Ab\u200b".repeat(80),
          "😀".repeat(300),
          "\u200b".repeat(300),
          " ".repeat(300),
          "中".repeat(60),
          ".".repeat(70),
          "\u0301".repeat(200),
          "é".repeat(120),
          "[".repeat(40));

  static HuggingFaceTokenizer tokenizer(byte[] json, int maxLength) throws IOException {
    return HuggingFaceTokenizer.newInstance(
        new ByteArrayInputStream(json),
        Map.of(
            "truncation", "true",
            "padding", "false",
            "maxLength", Integer.toString(maxLength),
            "addSpecialTokens", "true"));
  }

  static String random(Random rnd, int pieces) {
    var sb = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      sb.append(PIECES.get(rnd.nextInt(PIECES.size())));
      if (rnd.nextInt(3) == 0) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 8, 40, 512})
  void cutTextGivesTheTokensOfTheWholeText(int maxLength) throws IOException {
    var window = TokenWindow.of(BGE, maxLength);
    assertThat(window.understands()).isTrue();
    var rnd = new Random(maxLength);
    try (var tok = tokenizer(BGE, maxLength);
        var whole = tokenizer(BGE, 1 << 20)) {
      for (int i = 0; i < 400; i++) {
        String text = random(rnd, 1 + rnd.nextInt(maxLength < 100 ? 60 : 700));
        var cut = window.cut(text);
        assertThat(tok.encode(cut.text()).getIds())
            .as("tokens of %s", text)
            .isEqualTo(tok.encode(text).getIds());
        if (cut.exact()) {
          assertThat(whole.encode(cut.text()).getIds()).isEqualTo(whole.encode(text).getIds());
        }
      }
    }
  }

  @Test
  void otherNormalizerSettingsKeepTheTokensToo() throws IOException {
    for (byte[] json :
        List.of(
            BertCharsTest.withNormalizer(false, false, false, false),
            BertCharsTest.withNormalizer(true, true, false, true))) {
      var window = TokenWindow.of(json, 8);
      var rnd = new Random(7);
      try (var tok = tokenizer(json, 8)) {
        for (int i = 0; i < 300; i++) {
          String text = random(rnd, 1 + rnd.nextInt(60));
          assertThat(tok.encode(window.cut(text).text()).getIds())
              .as("tokens of %s", text)
              .isEqualTo(tok.encode(text).getIds());
        }
      }
    }
  }

  @Test
  void aLongWordStaysOneUnknownTokenAndATokenTypedAfterItStillMatches() throws IOException {
    var window = TokenWindow.of(BGE, 512);
    try (var tok = tokenizer(BGE, 512)) {
      for (String text :
          List.of(
              "a".repeat(5000) + "[SEP]",
              "[CLS]" + "b".repeat(5000),
              "a".repeat(5000) + "S]",
              "x".repeat(101),
              "x".repeat(100))) {
        var cut = window.cut(text);
        assertThat(cut.exact()).isTrue();
        assertThat(cut.text().length()).isLessThanOrEqualTo(120);
        assertThat(tok.encode(cut.text()).getIds()).isEqualTo(tok.encode(text).getIds());
      }
    }
  }

  @Test
  void anAddedTokenThatEndsALongWordStillMatches() throws IOException {
    var json = (ObjectNode) new ObjectMapper().readTree(BGE);
    ((ArrayNode) json.get("added_tokens"))
        .addObject()
        .put("id", 30522)
        .put("content", "zz]")
        .put("single_word", false)
        .put("lstrip", false)
        .put("rstrip", false)
        .put("normalized", false)
        .put("special", false);
    byte[] withToken = new ObjectMapper().writeValueAsBytes(json);
    var window = TokenWindow.of(withToken, 64);
    try (var tok = tokenizer(withToken, 64)) {
      String text = "q".repeat(300) + "zz] more";
      assertThat(tok.encode(text).getIds()).contains(30522);
      assertThat(window.cut(text).text().length()).isLessThan(130);
      assertThat(tok.encode(window.cut(text).text()).getIds()).isEqualTo(tok.encode(text).getIds());
    }
  }

  /** Four megabytes of each kind reach the tokenizer as a few kilobytes at most. */
  @ParameterizedTest
  @ValueSource(
      strings = {"word ", "a", " ", "中", "\u200b", "\u0301", "😀", "Ab\u200b", "привет, ", ". "})
  void aFourMegabyteInputIsCutToTheWindow(String unit) throws IOException {
    String huge = unit.repeat((4 << 20) / unit.length()) + " tail";
    var cut = TokenWindow.of(BGE, 512).cut(huge);
    assertThat(cut.text().length()).isLessThan(16_000);
    try (var tok = tokenizer(BGE, 512)) {
      // The whole text is too slow to tokenize here; its first 200 kB give the same tokens.
      assertThat(tok.encode(cut.text()).getIds())
          .isEqualTo(tok.encode(huge.substring(0, 200_000) + " tail").getIds());
    }
  }

  @Test
  void aTokenizerItDoesNotKnowGetsTheWholeText() {
    var window = TokenWindow.none();
    String text = "word ".repeat(10_000);
    assertThat(window.cut(text).text()).isSameAs(text);
  }
}
