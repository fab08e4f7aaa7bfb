package dev.mixserve.engine.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings of a tokenizer.json that decide how text becomes words: BertNormalizer flags,
 * WordPiece's longest word, and the added tokens (matched in the raw text before anything else).
 * Only this shape (BertNormalizer, BertPreTokenizer, WordPiece) is understood well enough to cut
 * text without changing its tokens; anything else reads as empty and is tokenized whole.
 *
 * @param cleanText control and format characters are removed, all whitespace becomes ' '
 * @param chineseChars every CJK ideograph is a word of its own
 * @param stripAccents text is NFD-decomposed and non-spacing marks are removed
 * @param maxWordChars a longer word is one [UNK] token, however long
 * @param addedTokens the contents of the added tokens, all matched in the raw text
 */
record BertTextRules(
    boolean cleanText,
    boolean chineseChars,
    boolean stripAccents,
    int maxWordChars,
    List<String> addedTokens) {

  BertTextRules {
    if (maxWordChars < 1) {
      throw new IllegalArgumentException("max_input_chars_per_word must be >= 1");
    }
    addedTokens = List.copyOf(addedTokens);
  }

  /** The rules of this tokenizer.json, or empty when it is not a BERT WordPiece tokenizer. */
  static Optional<BertTextRules> read(byte[] tokenizerJson) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(tokenizerJson);
    } catch (IOException e) {
      return Optional.empty(); // the tokenizer itself reports what is wrong with the file
    }
    JsonNode norm = root.path("normalizer");
    JsonNode model = root.path("model");
    if (!norm.path("type").asText().equals("BertNormalizer")
        || !root.path("pre_tokenizer").path("type").asText().equals("BertPreTokenizer")
        || !model.path("type").asText().equals("WordPiece")) {
      return Optional.empty();
    }
    var added = new ArrayList<String>();
    for (JsonNode t : root.path("added_tokens")) {
      // A token matched after normalizing, or only as a whole word, depends on context this
      // reading does not model.
      if (t.path("normalized").asBoolean(false)
          || t.path("single_word").asBoolean(false)
          || t.path("content").asText().isEmpty()) {
        return Optional.empty();
      }
      added.add(t.path("content").asText());
    }
    boolean lowercase = norm.path("lowercase").asBoolean(true);
    JsonNode strip = norm.path("strip_accents");
    return Optional.of(
        new BertTextRules(
            norm.path("clean_text").asBoolean(true),
            norm.path("handle_chinese_chars").asBoolean(true),
            strip.isBoolean() ? strip.asBoolean() : lowercase,
            model.path("max_input_chars_per_word").asInt(100),
            added));
  }

  /** The longest added token, in code points; 0 when there are none. */
  int longestAddedToken() {
    return addedTokens.stream().mapToInt(t -> t.codePointCount(0, t.length())).max().orElse(0);
  }
}
