package dev.mixserve.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.TestModels;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestModelFilesTest {
  @Test
  void theListInTheJarDescribesTheFolderTheTestsRead() throws Exception {
    var files = TestModelFiles.list();
    assertThat(files).extracting(TestModelFiles.Entry::path).contains("llm/stories260K.gguf");
    for (var f : files) {
      var p = TestModels.path(f.path());
      assertThat(Files.size(p)).as(f.path()).isEqualTo(f.size());
      assertThat(ModelFetch.sha256(p)).as(f.path()).isEqualTo(f.sha256());
    }
  }

  @Test
  void aLineThatIsNotFourFieldsIsRefused() {
    assertThatThrownBy(() -> TestModelFiles.parse(List.of("a.bin\t3\tabc")))
        .hasMessageContaining("expected path, size, sha256, source");
    assertThatThrownBy(
            () -> TestModelFiles.parse(List.of("../a.bin\t3\t" + "0".repeat(64) + "\to/r/c/a")))
        .hasMessageContaining("not a relative path");
  }
}
