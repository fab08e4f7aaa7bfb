package dev.mixserve.bench.embeddings;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/**
 * The baseline: BGE-small called straight on ONNX Runtime and the DJL tokenizer, written here
 * without any mixserve class, so the comparison shows what serving adds.
 */
final class RawOnnx implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;

  RawOnnx() throws Exception {
    var opts = new OrtSession.SessionOptions();
    opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    opts.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
    opts.setInterOpNumThreads(1);
    // The same settings as the served engine, so the ratio shows what serving adds.
    opts.addConfigEntry("session.intra_op.allow_spinning", "0");
    session = env.createSession(resource("/bge-small-en-v1.5.onnx"), opts);
    try (InputStream in = RawOnnx.class.getResourceAsStream("/bge-small-en-v1.5-tokenizer.json")) {
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              in, Map.of("truncation", "true", "maxLength", "512", "padding", "true"));
    }
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = RawOnnx.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  /** Embeds one batch; returns the first value of the first vector so no work is dead code. */
  float embed(List<String> texts) throws Exception {
    Encoding[] enc = tokenizer.batchEncode(texts);
    int n = enc.length;
    int len = enc[0].getIds().length;
    long[] ids = new long[n * len];
    long[] mask = new long[n * len];
    long[] types = new long[n * len];
    for (int i = 0; i < n; i++) {
      System.arraycopy(enc[i].getIds(), 0, ids, i * len, len);
      System.arraycopy(enc[i].getAttentionMask(), 0, mask, i * len, len);
      System.arraycopy(enc[i].getTypeIds(), 0, types, i * len, len);
    }
    long[] shape = {n, len};
    try (var a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        var b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        var c = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
        var out = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
      var fb = ((OnnxTensor) out.get(0)).getFloatBuffer();
      float sum = 0;
      int hidden = 384;
      for (int i = 0; i < n; i++) {
        double norm = 0;
        for (int h = 0; h < hidden; h++) {
          float x = fb.get(i * len * hidden + h);
          norm += x * x;
        }
        sum += (float) (fb.get(i * len * hidden) / Math.sqrt(norm));
      }
      return sum;
    }
  }

  @Override
  public void close() throws Exception {
    session.close();
    tokenizer.close();
  }
}
