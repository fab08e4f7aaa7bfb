package dev.mixserve.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Auth;
import dev.mixserve.api.KeyLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthConfigTest {
  static final String HASH = "a".repeat(64);
  static final String DEPLOYMENTS =
      """
      deployments:
        - {name: llm, task: chat, engine: {kind: echo}}
        - {name: embeddings, route: /emb, task: embedding, engine: {kind: echo}}
      """;

  static String config(String auth) {
    return DEPLOYMENTS + "auth:\n" + auth.indent(2);
  }

  @Test
  void withoutAuthTheEndpointIsOpen() {
    var cfg = ConfigLoader.parse(DEPLOYMENTS, "open.yaml");
    assertThat(cfg.auth()).isEqualTo(Auth.OFF);
    assertThat(cfg.auth().on()).isFalse();
  }

  @Test
  void readsEveryFieldOfAKey() {
    var cfg =
        ConfigLoader.parse(
            config(
                """
                keys:
                  - name: alice
                    sha256: %s
                    scopes: [llm, /emb]
                    admin: true
                    limits: {requests_per_minute: 60, tokens_per_minute: 10000, concurrent: 2}
                  - {name: bob, sha256: %s, scopes: ["*"]}
                """
                    .formatted(HASH.toUpperCase(), "b".repeat(64))),
            "keys.yaml");
    var alice = cfg.auth().keys().getFirst();
    assertThat(alice.sha256()).isEqualTo(HASH);
    assertThat(alice.admin()).isTrue();
    assertThat(alice.limits()).isEqualTo(new KeyLimits(60, 10000, 2));
    assertThat(alice.reaches("llm", "/llm")).isTrue();
    assertThat(alice.reaches("embeddings", "/emb")).isTrue();
    assertThat(alice.reaches("tts", "/tts")).isFalse();
    var bob = cfg.auth().keys().get(1);
    assertThat(bob.admin()).isFalse();
    assertThat(bob.limits()).isEqualTo(KeyLimits.NONE);
    assertThat(bob.reaches("tts", "/tts")).isTrue();
    assertThat(cfg.auth().on()).isTrue();
  }

  @Test
  void errorsNameTheKeyAndTheField() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    config("keys: [{name: a, sha256: abc, scopes: [llm]}]"), "bad.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.keys[0].sha256")
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    config("keys: [{name: 'a b', sha256: %s, scopes: [llm]}]".formatted(HASH)),
                    "bad.yaml"))
        .hasMessageContaining("auth.keys[0].name");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    config("keys: [{name: a, sha256: %s}]".formatted(HASH)), "bad.yaml"))
        .hasMessageContaining("missing required key 'scopes'");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    config(
                        "keys: [{name: a, key: secret, sha256: %s, scopes: [llm]}]"
                            .formatted(HASH)),
                    "bad.yaml"))
        .hasMessageContaining("unknown key 'key'");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    config(
                        "keys: [{name: a, sha256: %s, scopes: [llm], limits: {concurrent: -1}}]"
                            .formatted(HASH)),
                    "bad.yaml"))
        .hasMessageContaining("auth.keys[0].limits.concurrent");
  }

  @Test
  void refusesTwinsAndScopesThatNameNothing() {
    String twins =
        "keys: [{name: a, sha256: %s, scopes: [llm]}, {name: a, sha256: %s, scopes: [llm]}]";
    assertThatThrownBy(
            () -> ConfigLoader.parse(config(twins.formatted(HASH, "b".repeat(64))), "x.yaml"))
        .hasMessageContaining("auth.keys[1]")
        .hasMessageContaining("duplicate key name 'a'");
    String sameHash =
        "keys: [{name: a, sha256: %s, scopes: [llm]}, {name: b, sha256: %s, scopes: [llm]}]";
    assertThatThrownBy(() -> ConfigLoader.parse(config(sameHash.formatted(HASH, HASH)), "x.yaml"))
        .hasMessageContaining("same sha256");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    config("keys: [{name: a, sha256: %s, scopes: [lmm]}]".formatted(HASH)),
                    "x.yaml"))
        .hasMessageContaining("auth.keys[0]")
        .hasMessageContaining("[lmm] name no deployment");
  }

  @Test
  void aKeysFileIsFoundBesideItsConfig(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("mixserve.yaml"), config("keys_file: keys.yaml"));
    Files.writeString(
        dir.resolve("keys.yaml"),
        "keys:\n  - {name: carol, sha256: %s, scopes: [llm]}\n".formatted(HASH));
    var cfg = ConfigLoader.load(dir.resolve("mixserve.yaml"));
    assertThat(cfg.auth().keysFile()).isEqualTo(dir.resolve("keys.yaml").toAbsolutePath());
    assertThat(cfg.auth().on()).isTrue();
    var keys = ConfigLoader.keys(cfg.auth().keysFile());
    assertThat(keys).singleElement().extracting(k -> k.name()).isEqualTo("carol");
  }

  @Test
  void anEmptyKeysFileHoldsNoKeysAndABadOneSaysWhere(@TempDir Path dir) throws Exception {
    assertThat(ConfigLoader.parseKeys("", "empty.yaml")).isEmpty();
    var file = dir.resolve("keys.yaml");
    Files.writeString(file, "keys:\n  - {name: carol, sha256: nothex, scopes: [llm]}\n");
    assertThatThrownBy(() -> ConfigLoader.keys(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("keys.yaml:2: keys[0].sha256");
  }
}
