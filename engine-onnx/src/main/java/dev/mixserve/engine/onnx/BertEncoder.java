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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
      session = env.createSession(files.onnx(), options);
      takesTypeIds = session.getInputNames().contains("token_type_ids");
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              new ByteArrayInputStream(files.tokenizerJson()),
              Map.of(
                  "truncation", "true",
                  "padding", "false",
                  "maxLength", Integer.toString(maxTokens),
                  "addSpecialTokens", "true"));
    } catch (OrtException | IOException e) {
      throw new IllegalArgumentException(
          "cannot load ONNX model " + files.id() + ": " + e.getMessage(), e);
    }
  }

  int maxTokens() {
    return maxTokens;
  }

  Tokens[] tokenize(List<String> texts) {
    return convert(tokenizer.batchEncode(texts));
  }

  Tokens[] tokenizePairs(List<String> first, List<String> second) {
    return convert(tokenizer.batchEncode(new PairList<>(first, second)));
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
