package dev.mixserve.engine.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mixserve.api.error.ServeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A BERT-family ONNX model and its tokenizer: tokenizes, pads a batch, runs it, and hands back the
 * first output. Thread-safe: ONNX Runtime sessions allow concurrent run() calls.
 */
final class BertEncoder implements AutoCloseable {
  /** Token ids of one input, after truncation. */
  record Tokens(long[] ids, long[] typeIds) {
    int length() {
      return ids.length;
    }
  }

  /** The model's first output: [batch, seq, hidden] or [batch, width]. */
  record Output(float[] data, long[] shape) {}

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final int maxTokens;
  private final boolean takesTypeIds;
  private final LongAdder charsTokenized = new LongAdder();
  private final TokenWindow window;

  BertEncoder(ModelFiles files, int threads, int maxTokens) {
    this.maxTokens = maxTokens;
    try {
      var options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      // ONNX Runtime's workers spin after each run; in a server that steals the cores the request
      // threads need to parse, answer and bring the next batch.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(files.onnx().toString(), options);
      takesTypeIds = session.getInputNames().contains("token_type_ids");
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              new ByteArrayInputStream(files.tokenizerJson()),
              Map.of(
                  "truncation", "true",
                  "padding", "false",
                  "maxLength", Integer.toString(maxTokens),
                  "addSpecialTokens", "true"));
      window = TokenWindow.of(files.tokenizerJson(), maxTokens);
    } catch (OrtException | IOException e) {
      throw new IllegalArgumentException(
          "cannot load ONNX model " + files.id() + ": " + e.getMessage(), e);
    }
  }

  int maxTokens() {
    return maxTokens;
  }

  /** Tokens of each text, cut to the model's length; the text is cut first (see TokenWindow). */
  Tokens[] tokenize(List<String> texts) {
    var cut = new ArrayList<String>(texts.size());
    for (String t : texts) {
      cut.add(counted(window.cut(t).text()));
    }
    return convert(tokenizer.batchEncode(cut));
  }

  /**
   * Tokens of each (first, second) pair, cut to the model's length. Truncation takes tokens from
   * the longer side, so a side cut short must still read as the longer one: when only one side is
   * cut, it keeps more tokens than the other side can have. When both are cut, each keeps half the
   * window; which one keeps the odd token of an odd window goes by the cut texts, not the full ones
   * (knowing would take tokenizing both whole, the cost this avoids).
   */
  Tokens[] tokenizePairs(List<String> first, List<String> second) {
    var a = new ArrayList<String>(first.size());
    var b = new ArrayList<String>(second.size());
    for (int i = 0; i < first.size(); i++) {
      TokenWindow.Cut x = window.cut(first.get(i));
      TokenWindow.Cut y = window.cut(second.get(i));
      if (x.exact() && !y.exact()) {
        y = window.cut(second.get(i), longerThan(x.text()));
      } else if (!x.exact() && y.exact()) {
        x = window.cut(first.get(i), longerThan(y.text()));
      }
      a.add(counted(x.text()));
      b.add(counted(y.text()));
    }
    return convert(tokenizer.batchEncode(new PairList<>(a, b)));
  }

  /** Normalizing turns one code point into at most this many characters, each at most a token. */
  static final int MAX_TOKENS_PER_CODE_POINT = 4;

  /** A token count no tokenization of {@code text} reaches. */
  private int longerThan(String text) {
    long most = (long) text.codePointCount(0, text.length()) * MAX_TOKENS_PER_CODE_POINT;
    return (int) Math.min(Integer.MAX_VALUE - 1, Math.max(most, maxTokens)) + 1;
  }

  private String counted(String text) {
    charsTokenized.add(text.length());
    return text;
  }

  /** Characters handed to the tokenizer so far: the work a request costs before the model. */
  long charsTokenized() {
    return charsTokenized.sum();
  }

  /** Token ids given by the client, cut to the model's length. */
  Tokens fromIds(int[] ids) {
    int n = Math.min(ids.length, maxTokens);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = ids[i];
    }
    return new Tokens(out, new long[n]);
  }

  private static Tokens[] convert(Encoding[] encodings) {
    Tokens[] out = new Tokens[encodings.length];
    for (int i = 0; i < encodings.length; i++) {
      out[i] = new Tokens(encodings[i].getIds(), encodings[i].getTypeIds());
    }
    return out;
  }

  /** Runs one padded batch. Padding positions get id 0 and mask 0, so they change nothing. */
  Output run(Tokens[] batch) {
    int n = batch.length;
    int len = 1;
    for (Tokens t : batch) {
      len = Math.max(len, t.length());
    }
    long[] ids = new long[n * len];
    long[] mask = new long[n * len];
    long[] types = new long[n * len];
    for (int i = 0; i < n; i++) {
      Tokens t = batch[i];
      System.arraycopy(t.ids(), 0, ids, i * len, t.length());
      System.arraycopy(t.typeIds(), 0, types, i * len, t.length());
      java.util.Arrays.fill(mask, i * len, i * len + t.length(), 1L);
    }
    long[] shape = {n, len};
    var inputs = new HashMap<String, OnnxTensor>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (takesTypeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        OnnxTensor out = (OnnxTensor) result.get(0);
        FloatBuffer fb = out.getFloatBuffer();
        float[] data = new float[fb.remaining()];
        fb.get(data);
        return new Output(data, out.getInfo().getShape());
      }
    } catch (OrtException e) {
      throw ServeException.engineFailure("ONNX Runtime failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // Closing frees native memory; a failure here leaves nothing for the caller to do.
    }
    tokenizer.close();
  }
}
