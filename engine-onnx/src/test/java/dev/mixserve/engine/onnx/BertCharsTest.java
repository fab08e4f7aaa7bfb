package dev.mixserve.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every class BertChars claims is checked against the tokenizer library itself, so that a library
 * upgrade with other Unicode tables fails here instead of changing tokens in production.
 */
class BertCharsTest {
  static final byte[] BGE = bgeTokenizerJson();

  private static byte[] bgeTokenizerJson() {
    try (var in = BertCharsTest.class.getResourceAsStream("/bge-small-en-v1.5-tokenizer.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyKnownBmpCharacterBehavesAsClassifiedInTheBgeTokenizer() throws IOException {
    assertThat(mismatches(BGE, 1)).isEmpty();
  }

  @Test
  void classesFollowTheNormalizerFlags() throws IOException {
    assertThat(mismatches(withNormalizer(false, false, false, false), 7)).isEmpty();
    assertThat(mismatches(withNormalizer(true, true, false, true), 7)).isEmpty();
  }

  @Test
  void oneCodePointNormalizesToAtMostFourCharacters() {
    int most = 0;
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (Character.getType(cp) != Character.SURROGATE) {
        String nfd = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
        most =
            Math.max(most, nfd.toLowerCase(java.util.Locale.ROOT).codePointCount(0, nfd.length()));
      }
    }
    assertThat(most).isLessThanOrEqualTo(BertEncoder.MAX_TOKENS_PER_CODE_POINT);
  }

  @Test
  void unknownTokenizersAreNotRead() throws IOException {
    var json = (ObjectNode) new ObjectMapper().readTree(BGE);
    json.putObject("pre_tokenizer").put("type", "Whitespace");
    assertThat(BertTextRules.read(new ObjectMapper().writeValueAsBytes(json))).isEmpty();
    assertThat(BertTextRules.read(BGE))
        .hasValueSatisfying(
            r -> {
              assertThat(r.maxWordChars()).isEqualTo(100);
              assertThat(r.addedTokens()).contains("[CLS]", "[SEP]");
            });
  }

  static byte[] withNormalizer(boolean clean, boolean chinese, boolean strip, boolean lower)
      throws IOException {
    var json = (ObjectNode) new ObjectMapper().readTree(BGE);
    var n = (ObjectNode) json.get("normalizer");
    n.put("clean_text", clean);
    n.put("handle_chinese_chars", chinese);
    n.put("strip_accents", strip);
    n.put("lowercase", lower);
    return new ObjectMapper().writeValueAsBytes(json);
  }

  /**
   * Code points (every {@code stride}-th of the BMP) whose tokens disagree with their class, as
   * "U+XXXX CLASS actual" lines. Probes: the character alone, and between two letters.
   */
  private static List<String> mismatches(byte[] tokenizerJson, int stride) throws IOException {
    var rules = BertTextRules.read(tokenizerJson).orElseThrow();
    var known = new ArrayList<Integer>();
    for (int cp = 0; cp < 0x10000; cp += stride) {
      if (BertChars.classify(cp, rules) != BertChars.OPAQUE) {
        known.add(cp);
      }
    }
    var bad = new ArrayList<String>();
    try (var tok =
        HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(tokenizerJson),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"))) {
      String[] joined = tok.encode("aa").getTokens();
      for (int from = 0; from < known.size(); from += 2048) {
        var part = known.subList(from, Math.min(known.size(), from + 2048));
        var alone = tok.batchEncode(part.stream().map(Character::toString).toList());
        var between =
            tok.batchEncode(part.stream().map(c -> "a" + Character.toString(c) + "a").toList());
        for (int i = 0; i < part.size(); i++) {
          int cp = part.get(i);
          String[] one = alone[i].getTokens();
          String[] mid = between[i].getTokens();
          boolean ok =
              switch (BertChars.classify(cp, rules)) {
                case SPACE -> one.length == 0 && Arrays.equals(mid, new String[] {"a", "a"});
                case VANISH -> one.length == 0 && Arrays.equals(mid, joined);
                case PUNCT ->
                    one.length == 1 && Arrays.equals(mid, new String[] {"a", one[0], "a"});
                // One word: every piece after the first continues it.
                case WORD ->
                    one.length > 0 && Arrays.stream(mid).skip(1).allMatch(t -> t.startsWith("##"));
                case OPAQUE -> true;
              };
          if (!ok) {
            bad.add(
                String.format(
                    "U+%04X %s %s %s",
                    cp, BertChars.classify(cp, rules), Arrays.toString(one), Arrays.toString(mid)));
          }
        }
      }
    }
    return bad;
  }
}
