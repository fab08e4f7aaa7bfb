package dev.mixserve.engine.whisper;

import dev.mixserve.api.engine.ModelFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a GGML Whisper file before whisper.cpp sees it: whisper-jni's init returns null (instead
 * of throwing) for a bad file, which would leave us with no reason to report.
 */
final class WhisperModelFile {
  private static final int GGML_MAGIC = 0x67676d6c; // "ggml", stored little-endian
  // magic, 11 int hparams (n_vocab ... ftype), then n_mel and n_fft of the filter bank
  private static final int HEADER = 4 + 11 * 4 + 8;

  private WhisperModelFile() {}

  /** Fetches {@code model} (a path or hf:// URI) through the host and checks the file. */
  static Path resolve(String model, ModelFetcher fetcher) {
    if (model.isBlank()) {
      throw new IllegalArgumentException(
          "engine.model: a GGML Whisper model is required: a path or hf://OWNER/REPO/ggml-*.bin");
    }
    return check(fetcher.fetch(model));
  }

  static Path check(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      ByteBuffer h = ByteBuffer.wrap(in.readNBytes(HEADER)).order(ByteOrder.LITTLE_ENDIAN);
      if (h.limit() < 4 || h.getInt(0) != GGML_MAGIC) {
        throw new IllegalArgumentException(
            "engine.model: " + p + " is not a GGML Whisper model (no 'ggml' magic)");
      }
      // whisper.cpp accepts a truncated file and loads garbage, so check that at least the header
      // and the mel filter bank that follows it are all there
      long filters = h.limit() < HEADER ? -1 : 4L * h.getInt(HEADER - 8) * h.getInt(HEADER - 4);
      if (filters < 0 || h.getInt(4) < 1 || Files.size(p) < HEADER + filters) {
        throw new IllegalArgumentException(
            "engine.model: " + p + " is a truncated GGML Whisper model");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("engine.model: cannot read " + p + ": " + e.getMessage());
    }
    return p;
  }
}
