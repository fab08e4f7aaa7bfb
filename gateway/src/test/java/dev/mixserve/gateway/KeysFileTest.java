package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mixserve.config.ConfigLoader;
import dev.mixserve.gateway.auth.Guard;
import dev.mixserve.gateway.auth.KeyHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysFileTest {
  static final String CONFIG =
      """
      deployments: [{name: echo, task: embedding, engine: {kind: echo}}]
      auth:
        keys: [{name: ops, sha256: %s, scopes: ["*"], admin: true}]
        keys_file: keys.yaml
      """
          .formatted(KeyHash.hex("msk-ops"));

  static String keys(String... names) {
    var sb = new StringBuilder("keys:\n");
    for (String n : names) {
      sb.append(
          "  - {name: %s, sha256: %s, scopes: [echo]}\n".formatted(n, KeyHash.hex("msk-" + n)));
    }
    return sb.toString();
  }

  @Test
  void aChangedFileIsReadAgainAndABrokenOneKeepsTheLastKeys(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("mixserve.yaml"), CONFIG);
    Files.writeString(dir.resolve("keys.yaml"), keys("alice"));
    var guard = Guard.open();
    try (var file = KeysFile.start(ConfigLoader.load(dir.resolve("mixserve.yaml")), guard)) {
      assertThat(guard.identify("msk-alice").known()).isTrue();
      assertThat(guard.identify("msk-ops").known()).isTrue();

      Files.writeString(dir.resolve("keys.yaml"), keys("bob"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> guard.identify("msk-bob").known() && !guard.identify("msk-alice").known());

      Files.writeString(dir.resolve("keys.yaml"), "keys:\n  - {name: carol, sha256: nothex");
      Files.writeString(dir.resolve("other.txt"), "an event that is not ours");
      Thread.sleep(500); // nothing to await: what is checked is that nothing changes
      assertThat(guard.identify("msk-bob").known()).isTrue();
      assertThat(guard.identify("msk-ops").known()).isTrue();

      // a Secret's swap: a new file moved over the old one
      Files.writeString(dir.resolve("keys.tmp"), keys("carol"));
      Files.move(
          dir.resolve("keys.tmp"),
          dir.resolve("keys.yaml"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      await().atMost(Duration.ofSeconds(10)).until(() -> guard.identify("msk-carol").known());
    }
  }

  @Test
  void aReloadRefusesAFileThatDoesNotReadAndCanDropIt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("mixserve.yaml"), CONFIG);
    Files.writeString(dir.resolve("keys.yaml"), keys("alice"));
    var guard = Guard.open();
    try (var file = KeysFile.start(ConfigLoader.load(dir.resolve("mixserve.yaml")), guard)) {
      var missing = CONFIG.replace("keys.yaml", "nowhere.yaml");
      Files.writeString(dir.resolve("mixserve.yaml"), missing);
      var next = ConfigLoader.load(dir.resolve("mixserve.yaml"));
      assertThatThrownBy(() -> file.apply(next))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nowhere.yaml")
          .hasMessageContaining("no such file");
      assertThat(guard.identify("msk-alice").known()).isTrue();

      var noFile = ConfigLoader.parse(CONFIG.replace("  keys_file: keys.yaml\n", ""), "x");
      file.apply(noFile);
      assertThat(guard.identify("msk-alice").known()).isFalse();
      assertThat(guard.identify("msk-ops").known()).isTrue();

      file.apply(ConfigLoader.parse("deployments: []\n", "open"));
      assertThat(guard.on()).isFalse();
    }
  }

  @Test
  void aKeyInBothTheConfigAndTheFileIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("mixserve.yaml"), CONFIG);
    Files.writeString(
        dir.resolve("keys.yaml"),
        "keys: [{name: ops, sha256: %s, scopes: [echo]}]\n".formatted("c".repeat(64)));
    var config = ConfigLoader.load(dir.resolve("mixserve.yaml"));
    assertThatThrownBy(() -> KeysFile.start(config, Guard.open()))
        .hasMessageContaining("duplicate key name 'ops'");
  }
}
