package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.config.ConfigLoader;
import dev.mixserve.gateway.Exposure;
import dev.mixserve.gateway.auth.KeyHash;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  static final String OPEN = "deployments: [{name: echo, task: embedding, engine: {kind: echo}}]\n";

  @Test
  void theFlagWinsOverTheEnvironmentAsVllmDoes() {
    assertThat(ApiKeys.given(List.of("a"), "b")).containsExactly("a");
    assertThat(ApiKeys.given(null, " b ")).containsExactly("b");
    assertThat(ApiKeys.given(List.of(), "")).isEmpty();
    assertThat(ApiKeys.given(null, null)).isEmpty();
  }

  @Test
  void theOperatorsKeysReachEverythingAndAreHeldHashed() {
    var cfg = ApiKeys.apply(ConfigLoader.parse(OPEN, "x"), List.of("msk-one", "msk-two"));
    assertThat(cfg.auth().on()).isTrue();
    var first = cfg.auth().keys().getFirst();
    assertThat(first.name()).isEqualTo("api-key");
    assertThat(first.sha256()).isEqualTo(KeyHash.hex("msk-one"));
    assertThat(first.admin()).isTrue();
    assertThat(first.reaches("anything", "/anything")).isTrue();
    assertThat(cfg.auth().keys().get(1).name()).isEqualTo("api-key-2");
    assertThat(cfg.toString()).doesNotContain("msk-one");
    assertThatThrownBy(() -> ApiKeys.apply(ConfigLoader.parse(OPEN, "x"), List.of("a", "a")))
        .hasMessageContaining("twin");
  }

  @Test
  void startUpSaysSoWhenOpenBeyondLoopback() {
    var open = ConfigLoader.parse("server: {host: 0.0.0.0}\n" + OPEN, "x");
    assertThat(Exposure.warning(open, 8000))
        .get()
        .asString()
        .startsWith("warning: no API keys and listening on 0.0.0.0:8000")
        .doesNotContain("\n");
    assertThat(Exposure.warning(ApiKeys.apply(open, List.of("k")), 8000)).isEmpty();
    var local = ConfigLoader.parse("server: {host: 127.0.0.1}\n" + OPEN, "x");
    assertThat(Exposure.warning(local, 8000)).isEmpty();
    var six = ConfigLoader.parse("server: {host: \"::1\"}\n" + OPEN, "x");
    assertThat(Exposure.warning(six, 1)).isEmpty();
  }

  @Test
  void keyPrintsAKeyAndTheEntryThatHoldsOnlyItsHash() {
    var out = new ByteArrayOutputStream();
    var was = System.out;
    System.setOut(new PrintStream(out, true));
    try {
      int code = Main.commandLine().execute("key", "alice", "--scopes", "llm,/tts");
      assertThat(code).isZero();
    } finally {
      System.setOut(was);
    }
    var lines = out.toString().lines().toList();
    String key = lines.get(0).substring("key:   ".length());
    assertThat(key).startsWith("msk-");
    assertThat(lines.get(1))
        .isEqualTo(
            "entry: - {name: alice, sha256: "
                + KeyHash.hex(key)
                + ", scopes: [llm, /tts], admin: false}");
    var parsed =
        ConfigLoader.parseKeys("keys:\n  " + lines.get(1).substring("entry: ".length()), "k");
    assertThat(parsed.getFirst().sha256()).isEqualTo(KeyHash.hex(key));
  }
}
