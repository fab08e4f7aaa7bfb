package dev.mixserve.cli.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Chunk vectors on disk, one JSON file per document version: the key hashes the file's bytes, the
 * embedding model and the chunk size, so an unchanged file is never embedded twice and a changed
 * one (or another model) simply misses. A damaged entry is a miss too, never an error.
 */
public record VectorCache(Path dir) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One cached chunk: its text and vector. */
  public record Entry(String text, float[] vector) {}

  public static String key(byte[] content, String model, int maxChars) {
    try {
      var md = MessageDigest.getInstance("SHA-256");
      md.update(content);
      md.update(("\0" + model + "\0" + maxChars).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Optional<List<Entry>> get(String key) {
    Path f = dir.resolve(key + ".json");
    try {
      var out = new ArrayList<Entry>();
      for (JsonNode c : JSON.readTree(f.toFile()).path("chunks")) {
        JsonNode v = c.path("vector");
        float[] vec = new float[v.size()];
        for (int i = 0; i < vec.length; i++) {
          vec[i] = (float) v.get(i).asDouble();
        }
        out.add(new Entry(c.path("text").asText(), vec));
      }
      return out.isEmpty() ? Optional.empty() : Optional.of(out);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes atomically (temp file, then move), so a killed run leaves no half entry. */
  public void put(String key, List<Entry> entries) {
    var root = JSON.createObjectNode();
    var arr = root.putArray("chunks");
    for (Entry e : entries) {
      var vec = arr.addObject().put("text", e.text()).putArray("vector");
      for (float x : e.vector()) {
        vec.add(x);
      }
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, key, ".tmp");
      JSON.writeValue(tmp.toFile(), root);
      Files.move(tmp, dir.resolve(key + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // A cache that cannot be written costs time on the next run, not correctness.
      System.err.println(
          "warning: cannot write the vector cache in " + dir + ": " + e.getMessage());
    }
  }
}
