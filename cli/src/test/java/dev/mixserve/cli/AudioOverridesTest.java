package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Task;
import dev.mixserve.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AudioOverridesTest {
  @Test
  void defaultConfigServesPocketSphinxAndFreeTts() {
    var cfg = ConfigLoader.defaults();
    assertThat(cfg.deployment("whisper").orElseThrow().engine().kind()).isEqualTo("pocketsphinx");
    assertThat(cfg.deployment("tts").orElseThrow().engine().kind()).isEqualTo("freetts");
  }

  @Test
  void defaultsDropPocketSphinxWhenItIsNotInstalled() {
    var cfg = AudioOverrides.runnableDefaults(ConfigLoader.defaults(), false);
    assertThat(cfg.deployment("whisper")).isEmpty();
    assertThat(cfg.deployment("tts")).isPresent();
    assertThat(AudioOverrides.runnableDefaults(ConfigLoader.defaults(), true).deployment("whisper"))
        .isPresent();
  }

  @Test
  void whisperOptionPicksTheEngineFromTheValue() {
    assertThat(AudioOverrides.whisperEngine("models/ggml-base.en.bin").kind())
        .isEqualTo("whisper-cpp");
    assertThat(AudioOverrides.whisperEngine("hf://ggerganov/whisper.cpp/ggml-tiny.bin").kind())
        .isEqualTo("whisper-cpp");
    assertThat(AudioOverrides.whisperEngine("pocketsphinx:/opt/ps").model()).isEqualTo("/opt/ps");
    assertThat(AudioOverrides.whisperEngine("http://gpu:8001").kind()).isEqualTo("upstream");
  }

  /**
   * The start-up note says "use --whisper" when PocketSphinx is missing, which had dropped /whisper
   * with its names and limits: every OpenAI client's "whisper-1" then got 404, and uploads were cut
   * at 4 MiB instead of 64.
   */
  @Test
  void anOverrideOfADroppedDefaultKeepsItsNamesAndLimits() {
    var defaults = ConfigLoader.defaults().deployment("whisper").orElseThrow();
    var cfg =
        AudioOverrides.apply(
            AudioOverrides.runnableDefaults(ConfigLoader.defaults(), false),
            "models/ggml-tiny.bin",
            null);
    var whisper = cfg.deployment("whisper").orElseThrow();
    assertThat(whisper.engine().kind()).isEqualTo("whisper-cpp");
    assertThat(whisper.modelNames()).contains("whisper-1");
    assertThat(whisper.limits()).isEqualTo(defaults.limits());
    assertThat(whisper.limits().maxBodyBytes()).isEqualTo(64L << 20);
    assertThat(whisper.route()).isEqualTo("/whisper");
  }

  @Test
  void anOverrideOfADeploymentTheConfigNeverHadTakesTheDefaultsNamesAndLimits() {
    var cfg = ConfigLoader.defaults().withDeployments(java.util.List.of());
    var tts = AudioOverrides.apply(cfg, null, "espeak-ng").deployment("tts").orElseThrow();
    assertThat(tts.modelNames()).contains("tts-1", "tts-1-hd");
    var llm = LlmOverride.apply(cfg, "m.gguf").deployment("llm").orElseThrow();
    assertThat(llm.modelNames())
        .isEqualTo(ConfigLoader.defaults().deployment("llm").orElseThrow().modelNames());
    assertThat(llm.limits())
        .isEqualTo(ConfigLoader.defaults().deployment("llm").orElseThrow().limits());
  }

  @Test
  void ttsOptionTakesAnEngineAndAVoice() {
    var cfg = AudioOverrides.apply(ConfigLoader.defaults(), null, "espeak-ng:en-gb");
    var tts = cfg.deployment("tts").orElseThrow();
    assertThat(tts.task()).isEqualTo(Task.SPEECH);
    assertThat(tts.route()).isEqualTo("/tts");
    assertThat(tts.engine().options()).isEqualTo(Map.of("voice", "en-gb"));
    assertThat(tts.modelNames()).contains("tts-1");
    assertThatThrownBy(() -> AudioOverrides.ttsEngine("xtts")).hasMessageContaining("--tts");
  }
}
