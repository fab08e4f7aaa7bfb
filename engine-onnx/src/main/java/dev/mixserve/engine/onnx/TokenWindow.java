package dev.mixserve.engine.onnx;

/**
 * Cuts client text to what the model can see before the tokenizer reads it. The tokenizer works on
 * the whole string and truncates afterwards, so a 4 MB input costs seconds of CPU for 512 tokens.
 * This scan (plain Java, no allocation per character) keeps the tokens exactly as they were:
 *
 * <ul>
 *   <li>It counts words it is sure of: a word holding a {@link BertChars#WORD} character, or one
 *       {@link BertChars#PUNCT} character, yields at least one token. Once {@code budget} are
 *       counted the text is cut at the next word boundary; the tokens up to there are unchanged.
 *   <li>Whitespace runs and runs of removed characters count for nothing, so they are shortened to
 *       one character, which tokenizes the same.
 *   <li>A word longer than WordPiece's {@code max_input_chars_per_word} is one [UNK] however long,
 *       so the middle of a longer one is dropped: it stays longer than the limit.
 *   <li>A run of one unknown character keeps just over {@code budget} copies (and over the word
 *       limit): whether it splits, joins or vanishes, the first {@code budget} tokens stay the
 *       same.
 * </ul>
 *
 * Added tokens ([CLS] typed by a client) are matched in the raw text before anything else; the
 * rules above never create, split or remove a match. A text of characters this class does not know
 * (see {@link BertChars#OPAQUE}) passes through whole, as before.
 */
final class TokenWindow {
  /**
   * The text to tokenize.
   *
   * @param exact it tokenizes exactly like the input, all of it; otherwise only its first {@code
   *     budget} tokens are surely the input's, and the input has at least as many tokens as it
   */
  record Cut(String text, boolean exact) {}

  private final BertTextRules rules;
  private final byte[] classes;
  private final int budget;
  private final int longestAdded;

  /** WORD characters a long word keeps at its start; MAX_VALUE when words are never shortened. */
  private final int wordHead;

  /** A window that passes every text through, for tokenizers it does not understand. */
  static TokenWindow none() {
    return new TokenWindow(null, 1);
  }

  static TokenWindow of(byte[] tokenizerJson, int budget) {
    return new TokenWindow(BertTextRules.read(tokenizerJson).orElse(null), budget);
  }

  TokenWindow(BertTextRules rules, int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be >= 1");
    }
    this.budget = budget;
    if (rules != null && !understood(rules)) {
      rules = null;
    }
    this.rules = rules;
    this.classes = rules == null ? null : BertChars.table(rules);
    this.longestAdded = rules == null ? 0 : rules.longestAddedToken();
    this.wordHead =
        rules == null || addedTokenOfWordsOnly(rules)
            ? Integer.MAX_VALUE
            : Math.max(rules.maxWordChars() + 1, longestAdded);
  }

  /**
   * An added token made of whitespace or removed characters could be made or broken by shortening
   * their runs; none of the tokenizers this serves has one, so such a tokenizer is left alone.
   */
  private static boolean understood(BertTextRules rules) {
    for (String t : rules.addedTokens()) {
      boolean plain =
          t.codePoints()
              .allMatch(
                  c -> {
                    var k = BertChars.classify(c, rules);
                    return k == BertChars.WORD || k == BertChars.PUNCT || k == BertChars.OPAQUE;
                  });
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  /** A token of word characters only could match inside a long word, so words stay whole. */
  private static boolean addedTokenOfWordsOnly(BertTextRules rules) {
    return rules.addedTokens().stream()
        .anyMatch(
            t -> t.codePoints().allMatch(c -> BertChars.classify(c, rules) == BertChars.WORD));
  }

  boolean understands() {
    return rules != null;
  }

  Cut cut(String text) {
    return cut(text, budget);
  }

  /** The text to tokenize when only its first {@code words} tokens matter. */
  Cut cut(String text, int words) {
    if (rules == null) {
      return new Cut(text, true);
    }
    return new Scan(text, Math.max(words, 1)).run();
  }

  /** One pass over one text. */
  private final class Scan {
    private final String in;
    private final int words;
    private final int sameLimit;
    private final StringBuilder out;
    private int counted;
    private boolean segmentCounted;
    private int segmentStart;
    private BertChars previous = BertChars.SPACE;
    private int previousCp = -1;
    private int sameRun;
    private boolean dropped;
    private boolean inexact;
    // The current run of WORD and VANISH characters: one word, as far as is known.
    private int runWords;
    private final int[] tail;
    private int tailStart;
    private int tailSize;

    Scan(String in, int words) {
      this.in = in;
      this.words = words;
      this.sameLimit = Math.max(words, Math.max(rules.maxWordChars(), longestAdded)) + 1;
      this.out = new StringBuilder(Math.min(in.length(), 1 << 14));
      this.tail = new int[longestAdded];
    }

    Cut run() {
      for (int i = 0; i < in.length(); ) {
        int cp = in.codePointAt(i);
        BertChars c = classOf(cp, i);
        i += Character.charCount(cp);
        boolean stop =
            switch (c) {
              case SPACE -> space(cp);
              case PUNCT -> punct(cp);
              case WORD -> word(cp);
              case VANISH -> vanish(cp);
              case OPAQUE -> opaque(cp);
            };
        if (stop) {
          return new Cut(out.toString(), false);
        }
        if (c != BertChars.OPAQUE || cp != previousCp) {
          sameRun = c == BertChars.OPAQUE ? 1 : 0;
        }
        previous = c;
        previousCp = cp;
      }
      endRun();
      return dropped ? new Cut(out.toString(), !inexact) : new Cut(in, true);
    }

    private BertChars classOf(int cp, int at) {
      BertChars c = BertChars.of(classes, cp);
      // Punctuation inside a client-typed added token ("[" of "[CLS]") is part of that token.
      if (c == BertChars.PUNCT && longestAdded > 0 && insideAddedToken(at)) {
        return BertChars.OPAQUE;
      }
      return c;
    }

    private boolean insideAddedToken(int at) {
      char ch = in.charAt(at);
      for (String t : rules.addedTokens()) {
        for (int j = t.indexOf(ch); j >= 0; j = t.indexOf(ch, j + 1)) {
          if (at - j >= 0 && in.startsWith(t, at - j)) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean space(int cp) {
      endRun();
      if (previous == BertChars.SPACE && previousCp >= 0) {
        dropped = true;
      } else {
        out.appendCodePoint(cp);
      }
      segmentCounted = false;
      segmentStart = out.length();
      return false;
    }

    private boolean punct(int cp) {
      endRun();
      if (counted >= words) {
        dropped = true;
        return true;
      }
      counted++;
      out.appendCodePoint(cp);
      segmentCounted = false;
      segmentStart = out.length();
      return false;
    }

    private boolean word(int cp) {
      if (!segmentCounted) {
        if (counted >= words) {
          // Everything of this word is past the window; the words before it are whole.
          out.setLength(segmentStart);
          dropped = true;
          return true;
        }
        counted++;
        segmentCounted = true;
      }
      runWords++;
      keepInRun(cp);
      return false;
    }

    private boolean vanish(int cp) {
      if (previous == BertChars.VANISH) {
        dropped = true;
      } else if (runWords > 0) {
        keepInRun(cp);
      } else {
        out.appendCodePoint(cp);
      }
      return false;
    }

    private boolean opaque(int cp) {
      endRun();
      if (cp == previousCp && previous == BertChars.OPAQUE && ++sameRun > sameLimit) {
        dropped = true;
        inexact = true;
      } else {
        out.appendCodePoint(cp);
      }
      return false;
    }

    /**
     * Within a word, the first {@code wordHead} WORD characters are kept and so are its last
     * characters as long as an added token, so that a token typed right after the word still
     * matches; the middle goes.
     */
    private void keepInRun(int cp) {
      if (runWords <= wordHead) {
        out.appendCodePoint(cp);
        return;
      }
      dropped = true;
      if (tail.length == 0) {
        return;
      }
      if (tailSize < tail.length) {
        tail[(tailStart + tailSize++) % tail.length] = cp;
      } else {
        tail[tailStart] = cp;
        tailStart = (tailStart + 1) % tail.length;
      }
    }

    private void endRun() {
      for (int k = 0; k < tailSize; k++) {
        out.appendCodePoint(tail[(tailStart + k) % tail.length]);
      }
      tailStart = 0;
      tailSize = 0;
      runWords = 0;
    }
  }
}
