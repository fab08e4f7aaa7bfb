package dev.mixserve.engine.onnx;

import java.text.Normalizer;

/**
 * What a BERT tokenizer does with each character, as far as it is known for certain: the classes
 * that {@link TokenWindow} may count, merge or drop. Anything in doubt is {@link #OPAQUE} and
 * passes through untouched. BertCharsTest checks every class against the tokenizer library itself.
 */
enum BertChars {
  /** Splits words and yields no token; a run of them tokenizes like one. */
  SPACE,
  /** Removed by the normalizer without splitting the word around it; a run acts like one. */
  VANISH,
  /** A word of its own (punctuation, or a CJK ideograph): exactly one token. */
  PUNCT,
  /** Part of a word: at least one character after normalizing, never a split. */
  WORD,
  /** Not known for certain. */
  OPAQUE;

  private static final BertChars[] VALUES = values();

  /**
   * Where punctuation, non-spacing marks and format characters are trusted: blocks filled long
   * before the tokenizer library's Unicode tables were made. Outside them such a character may be
   * newer than those tables (the library then reads it as a letter), so it is opaque.
   */
  private static final int[][] OLD_PUNCT = {
    {0x00A1, 0x00BF}, {0x037E, 0x037E}, {0x0387, 0x0387}, {0x055A, 0x055F}, {0x0589, 0x058A},
    {0x05BE, 0x05C6}, {0x05F3, 0x05F4}, {0x060C, 0x060D}, {0x061B, 0x061B}, {0x061F, 0x061F},
    {0x066A, 0x066D}, {0x06D4, 0x06D4}, {0x0964, 0x0965}, {0x0970, 0x0970}, {0x0E4F, 0x0E4F},
    {0x0E5A, 0x0E5B}, {0x2010, 0x2027}, {0x2030, 0x205E}, {0x207D, 0x207E}, {0x208D, 0x208E},
    {0x3001, 0x3003}, {0x3008, 0x3011}, {0x3014, 0x301F}, {0x30FB, 0x30FB}, {0xFE50, 0xFE6B},
    {0xFF01, 0xFF65},
  };

  private static final int[][] OLD_MARKS = {
    {0x0300, 0x036F}, {0x0483, 0x0487}, {0x0591, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0670, 0x0670}, {0x06D6, 0x06ED}, {0x0900, 0x0903}, {0x093A, 0x094F}, {0x0951, 0x0957},
    {0x0962, 0x0963}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1DC0, 0x1DE6},
    {0x20D0, 0x20F0}, {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE26},
  };

  private static final int[][] OLD_FORMAT = {
    {0x00AD, 0x00AD}, {0x0600, 0x0603}, {0x06DD, 0x06DD}, {0x070F, 0x070F}, {0x200B, 0x200F},
    {0x202A, 0x202E}, {0x2060, 0x2064}, {0x206A, 0x206F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB},
  };

  /** Letters or symbols to this JDK that were punctuation or marks to older Unicode. */
  private static final int[][] RECLASSIFIED = {{0x166D, 0x166D}, {0x1734, 0x1734}};

  /** The class of every BMP code point under these rules; characters beyond the BMP are opaque. */
  static byte[] table(BertTextRules rules) {
    byte[] t = new byte[0x10000];
    for (int cp = 0; cp < t.length; cp++) {
      t[cp] = (byte) classify(cp, rules).ordinal();
    }
    return t;
  }

  static BertChars of(byte[] table, int cp) {
    return cp < table.length ? VALUES[table[cp]] : OPAQUE;
  }

  static BertChars classify(int cp, BertTextRules rules) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
      return SPACE;
    }
    if (cp < 0x80) {
      if (cp < 0x20 || cp == 0x7F) {
        return rules.cleanText() ? VANISH : OPAQUE;
      }
      return Character.isLetterOrDigit(cp) ? WORD : PUNCT;
    }
    if (cp >= 0x10000 || in(RECLASSIFIED, cp)) {
      return OPAQUE;
    }
    if (chinese(cp)) {
      return rules.chineseChars() ? PUNCT : WORD;
    }
    if (cp == 0xFFFD) {
      return rules.cleanText() ? VANISH : OPAQUE;
    }
    return switch (Character.getType(cp)) {
      case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
          SPACE;
      case Character.CONTROL -> rules.cleanText() ? VANISH : OPAQUE;
      case Character.FORMAT -> rules.cleanText() && in(OLD_FORMAT, cp) ? VANISH : OPAQUE;
      case Character.NON_SPACING_MARK ->
          rules.stripAccents() && in(OLD_MARKS, cp) ? VANISH : OPAQUE;
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          in(OLD_PUNCT, cp) ? PUNCT : OPAQUE;
      // Spacing and enclosing marks have moved between categories over Unicode versions.
      case Character.UNASSIGNED,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.COMBINING_SPACING_MARK,
          Character.ENCLOSING_MARK ->
          OPAQUE;
      // Letters, digits, symbols; new ones are letters to the library too. A few decompose to
      // punctuation (U+2260 is '=' plus a mark), which would make them a word of their own.
      default -> decomposesToPunct(cp) ? OPAQUE : WORD;
    };
  }

  /** BertNormalizer's CJK ranges (those in the BMP). */
  private static boolean chinese(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0xF900 && cp <= 0xFAFF);
  }

  private static boolean in(int[][] ranges, int cp) {
    for (int[] r : ranges) {
      if (cp >= r[0] && cp <= r[1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean decomposesToPunct(int cp) {
    String s = Character.toString(cp);
    if (Normalizer.isNormalized(s, Normalizer.Form.NFD)) {
      return false;
    }
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .codePoints()
        .anyMatch(
            c ->
                (c < 0x80 && !Character.isLetterOrDigit(c))
                    || switch (Character.getType(c)) {
                      case Character.CONNECTOR_PUNCTUATION,
                          Character.DASH_PUNCTUATION,
                          Character.START_PUNCTUATION,
                          Character.END_PUNCTUATION,
                          Character.INITIAL_QUOTE_PUNCTUATION,
                          Character.FINAL_QUOTE_PUNCTUATION,
                          Character.OTHER_PUNCTUATION,
                          Character.SPACE_SEPARATOR ->
                          true;
                      default -> false;
                    });
  }
}
