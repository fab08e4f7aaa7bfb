package dev.mixserve.engine.llama;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The few GGUF metadata facts the engine needs before (and besides) loading: whether the file
 * carries a chat template, the trained context, whether the tokenizer adds BOS. Read here because
 * the binding does not expose model metadata.
 *
 * @param metadata scalar key/values of the file header (arrays such as the vocabulary skipped)
 */
record GgufInfo(Map<String, Object> metadata) {
  private static final int MAGIC = 0x46554747; // "GGUF" little-endian

  GgufInfo {
    metadata = Map.copyOf(metadata);
  }

  String architecture() {
    return (String) metadata.getOrDefault("general.architecture", "unknown");
  }

  /** The Jinja chat template, or null (base models such as stories260K have none). */
  String chatTemplate() {
    return (String) metadata.get("tokenizer.chat_template");
  }

  int trainedContext() {
    return metadata.get(architecture() + ".context_length") instanceof Number n ? n.intValue() : 0;
  }

  /** llama.cpp's rule: the explicit flag, else true for SentencePiece ("llama") vocabularies. */
  boolean addsBos() {
    return metadata.get("tokenizer.ggml.add_bos_token") instanceof Boolean b
        ? b
        : "llama".equals(metadata.get("tokenizer.ggml.model"));
  }

  static GgufInfo read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = Math.min(ch.size(), Integer.MAX_VALUE);
      ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt() != MAGIC) {
        throw new IllegalArgumentException(file + " is not a GGUF file (bad magic)");
      }
      int version = b.getInt();
      if (version < 2) {
        throw new IllegalArgumentException(file + ": GGUF version " + version + " is too old");
      }
      b.getLong(); // tensor count
      long kvCount = b.getLong();
      var kv = new HashMap<String, Object>();
      for (long i = 0; i < kvCount; i++) {
        String key = string(b);
        Object value = value(b, b.getInt());
        if (value != null) {
          kv.put(key, value);
        }
      }
      return new GgufInfo(kv);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("cannot read GGUF metadata of " + file + ": " + e, e);
    }
  }

  /** Reads one value of GGUF type {@code type}; arrays are skipped and give null. */
  private static Object value(ByteBuffer b, int type) {
    return switch (type) {
      case 0, 1 -> (long) b.get();
      case 2, 3 -> (long) b.getShort();
      case 4 -> Integer.toUnsignedLong(b.getInt());
      case 5 -> (long) b.getInt();
      case 6 -> (double) b.getFloat();
      case 7 -> b.get() != 0;
      case 8 -> string(b);
      case 9 -> skipArray(b);
      case 10, 11 -> b.getLong();
      case 12 -> b.getDouble();
      default -> throw new IllegalArgumentException("unknown GGUF value type " + type);
    };
  }

  private static Object skipArray(ByteBuffer b) {
    int type = b.getInt();
    long n = b.getLong();
    for (long i = 0; i < n; i++) {
      value(b, type);
    }
    return null;
  }

  private static String string(ByteBuffer b) {
    byte[] bytes = new byte[Math.toIntExact(b.getLong())];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
