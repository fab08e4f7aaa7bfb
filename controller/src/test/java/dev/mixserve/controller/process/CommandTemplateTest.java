package dev.mixserve.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.ProcessSpec;
import dev.mixserve.api.Resources;
import dev.mixserve.api.Task;
import dev.mixserve.controller.Launcher.LaunchException;
import dev.mixserve.controller.ReplicaSpec;
import dev.mixserve.scheduler.device.LaunchHints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {
  private static final Path TMP = Path.of("/tmp/r");
  private static final LaunchHints GPU =
      new LaunchHints(
          Map.of("CUDA_VISIBLE_DEVICES", "1"), List.of("--gpu-memory-utilization", "0.5"));
  private final CommandTemplate templates = new CommandTemplate(List.of("mixserve"));
  private final List<String> fetched = new java.util.ArrayList<>();

  /** Files as the model fetcher would give them: every reference lands in /cache. */
  private final CommandTemplate withFiles =
      new CommandTemplate(
          List.of("mixserve"),
          ref -> {
            fetched.add(ref);
            return Path.of("/cache", ref.substring(ref.lastIndexOf('/') + 1));
          });

  @Test
  void vllmServesTheModelWithItsMemoryFlag() throws LaunchException {
    var c = templates.command(spec("vllm", "Qwen/Qwen3-0.6B", ProcessSpec.DEFAULT, GPU), 4100, TMP);
    assertThat(c.argv())
        .containsExactly(
            "vllm",
            "serve",
            "Qwen/Qwen3-0.6B",
            "--host",
            "127.0.0.1",
            "--port",
            "4100",
            "--served-model-name",
            "emb",
            "Qwen/Qwen3-0.6B",
            "--gpu-memory-utilization",
            "0.5");
    assertThat(c.readyPath()).isEqualTo("/health");
    assertThat(c.env()).containsEntry("CUDA_VISIBLE_DEVICES", "1");
  }

  @Test
  void llamaServerWhisperServerAndTei() throws LaunchException {
    var none = new LaunchHints(Map.of(), List.of());
    assertThat(templates.command(spec("llama-server", "m.gguf", null, none), 1, TMP).argv())
        .containsExactly("llama-server", "-m", "m.gguf", "--host", "127.0.0.1", "--port", "1");
    var whisper = withFiles.command(spec("whisper-server", "w.bin", null, none), 2, TMP);
    assertThat(whisper.argv())
        .containsExactly(
            "whisper-server",
            "-m",
            "/cache/w.bin",
            "--host",
            "127.0.0.1",
            "--port",
            "2",
            "--inference-path",
            "/v1/audio/transcriptions");
    assertThat(whisper.readyPath()).isEqualTo("/health");
    assertThat(templates.command(spec("tei", "BAAI/bge", null, none), 3, TMP).argv())
        .containsExactly(
            "text-embeddings-router",
            "--model-id",
            "BAAI/bge",
            "--hostname",
            "127.0.0.1",
            "--port",
            "3");
  }

  @Test
  void vllmAnswersToEveryNameTheGatewayRoutesBy() throws LaunchException {
    var d =
        new Deployment(
            "llm",
            "/llm",
            Task.CHAT,
            new EngineSpec("vllm", "Qwen/Qwen3-0.6B", Map.of()),
            new Resources(500, 0, 0),
            null,
            1,
            null,
            null,
            null,
            List.of("qwen", "Qwen/Qwen3-0.6B", "llm"),
            null,
            null,
            null);
    var c = templates.command(new ReplicaSpec("llm-1", d, GPU, null), 4100, TMP);
    assertThat(c.argv())
        .containsExactly(
            "vllm",
            "serve",
            "Qwen/Qwen3-0.6B",
            "--host",
            "127.0.0.1",
            "--port",
            "4100",
            "--served-model-name",
            "llm",
            "Qwen/Qwen3-0.6B",
            "qwen",
            "--gpu-memory-utilization",
            "0.5");
  }

  @Test
  void whisperHubIdsMeanWhisperCppsOwnGgmlFiles() throws LaunchException {
    var none = new LaunchHints(Map.of(), List.of());
    for (var kind : List.of("whisper", "whisper-server")) {
      var c = withFiles.command(spec(kind, "openai/whisper-large-v3", null, none), 2, TMP);
      assertThat(c.argv()).containsSequence("-m", "/cache/ggml-large-v3.bin");
      assertThat(c.readyPath()).isEqualTo("/health");
    }
    withFiles.command(spec("whisper", "openai/whisper-large", null, none), 2, TMP);
    withFiles.command(spec("whisper", "hf://me/mine/ggml-small-q5_1.bin", null, none), 2, TMP);
    var own =
        new ProcessSpec(
            List.of("my-whisper", "{model}"),
            null,
            null,
            null,
            Duration.ofSeconds(1),
            Duration.ZERO);
    assertThat(withFiles.command(spec("whisper", "openai/whisper-tiny", own, none), 2, TMP).argv())
        .containsExactly("my-whisper", "openai/whisper-tiny"); // its own command: nothing fetched
    assertThat(fetched)
        .containsExactly(
            "hf://ggerganov/whisper.cpp/ggml-large-v3.bin",
            "hf://ggerganov/whisper.cpp/ggml-large-v3.bin",
            "hf://ggerganov/whisper.cpp/ggml-large-v1.bin",
            "hf://me/mine/ggml-small-q5_1.bin");
  }

  @Test
  void aWhisperModelWithoutAGgmlFileIsAFailedStartThatSaysWhatWorks() {
    var none = new LaunchHints(Map.of(), List.of());
    assertThatThrownBy(
            () -> withFiles.command(spec("whisper", "openai/whisper-huge", null, none), 1, TMP))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("no GGML file of openai/whisper-huge")
        .hasMessageContaining("large-v3-turbo");
    // Local paths only by default: a missing file says where it looked.
    assertThatThrownBy(
            () -> templates.command(spec("whisper", "/nowhere/ggml.bin", null, none), 1, TMP))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("model file not found: /nowhere/ggml.bin");
    assertThat(fetched).isEmpty();
  }

  @Test
  void xttsIsCoquisTtsServerWithAVoiceAndALanguage() throws LaunchException {
    var cuda = new LaunchHints(Map.of("CUDA_VISIBLE_DEVICES", "0"), List.of("--device", "cuda"));
    var c = templates.command(spec("xtts", "coqui/XTTS-v2", null, cuda), 5002, TMP);
    assertThat(c.argv())
        .containsExactly(
            "tts-server",
            "--model_name",
            "tts_models/multilingual/multi-dataset/xtts_v2",
            "--port",
            "5002",
            "--speaker_idx",
            "Ana Florence",
            "--language_idx",
            "en",
            "--device",
            "cuda");
    assertThat(c.readyPath()).isEqualTo("/locales");
    var own =
        deployment("xtts", "/models/my-xtts/", null)
            .withEngine(
                new EngineSpec(
                    "xtts",
                    "/models/my-xtts/",
                    Map.of("voice", "Claribel Dervla", "language", "fr")));
    assertThat(templates.command(new ReplicaSpec("tts-1", own, cuda, null), 1, TMP).argv())
        .containsSubsequence(
            "--model_path",
            "/models/my-xtts",
            "--config_path",
            "/models/my-xtts/config.json",
            "--speaker_idx",
            "Claribel Dervla",
            "--language_idx",
            "fr");
  }

  @Test
  void serversOfTheirOwnRunOutsideWithoutAProcessBlock() {
    for (var kind : List.of("vllm", "whisper", "xtts", "tei", "llama-server", "whisper-server")) {
      var d = deployment(kind, "m", null).withProcess(null);
      assertThat(CommandTemplate.supervised(d)).as(kind).isTrue();
      assertThat(CommandTemplate.missing(d)).as(kind).isEmpty();
    }
    assertThat(CommandTemplate.supervised(deployment("echo", "", null).withProcess(null)))
        .isFalse();
    assertThat(CommandTemplate.supervised(deployment("echo", "", null))).isTrue();
    assertThat(CommandTemplate.missing(deployment("openai-server", "m", null)))
        .hasValueSatisfying(m -> assertThat(m).contains("needs process.command"));
  }

  @Test
  void inJvmKindsRunAsMixserveEngine() throws LaunchException {
    var none = new LaunchHints(Map.of(), List.of());
    var s = new ReplicaSpec("emb-2", deployment("echo", "", null), none, Path.of("/etc/m.yaml"));
    var c = templates.command(s, 5000, TMP);
    assertThat(c.argv())
        .containsExactly(
            "mixserve",
            "engine",
            "--deployment",
            "emb",
            "--supervised",
            "--host",
            "127.0.0.1",
            "--port",
            "5000",
            "--config",
            "/etc/m.yaml",
            "--engine",
            "{\"kind\":\"echo\",\"model\":\"\"}");
    assertThat(c.readyPath()).isEqualTo("/v2/health/ready");
  }

  @Test
  void theChildGetsTheEngineThisProcessRunsWhateverItsOptionsHold() throws LaunchException {
    // as a config file gives them: whole numbers are Longs
    Map<String, Object> options =
        Map.of(
            "threads",
            2L,
            "temperature",
            0.25,
            "big",
            1L << 40,
            "stop",
            List.of("\n\nUser:", "</s>"),
            "flash",
            true,
            "dir",
            "{tmp}/cache \"quoted\" \\ back\tslash",
            "nested",
            Map.of("voice", "kevin16", "none", List.of()));
    var engine = new EngineSpec("llama-cpp", "/models/m {port}.gguf", options);
    var d = deployment("echo", "", null).withEngine(engine);
    var c = templates.command(new ReplicaSpec("emb-3", d, GPU, null), 5001, TMP);
    String json = c.argv().get(c.argv().indexOf("--engine") + 1);
    // read back as the child reads it: the config's own engine reader, JSON being YAML
    assertThat(dev.mixserve.config.ConfigLoader.parseEngine(json, "--engine")).isEqualTo(engine);
    assertThat(c.argv()).contains("--gpu-memory-utilization"); // hints still come before it
  }

  @Test
  void anEngineOptionWithoutAJsonFormIsRefused() {
    var d =
        deployment("echo", "", null)
            .withEngine(new EngineSpec("echo", "", Map.of("x", Double.NaN)));
    assertThatThrownBy(() -> templates.command(new ReplicaSpec("emb-4", d, GPU, null), 1, TMP))
        .hasMessageContaining("NaN");
  }

  @Test
  void theDefaultMixserveIsThisJvmWithAPrivateTempDir() throws LaunchException {
    var none = new LaunchHints(Map.of(), List.of());
    var c = new CommandTemplate().command(spec("echo", "", null, none), 1, TMP);
    assertThat(c.argv())
        .contains("-Dde.kherud.llama.tmpdir=/tmp/r", "-cp", "dev.mixserve.cli.Main", "engine")
        .doesNotContain("--config");
    assertThat(c.program()).endsWith("java");
  }

  @Test
  void processSpecReplacesAppendsAndSubstitutes() throws LaunchException {
    var p =
        new ProcessSpec(
            List.of("python", "-m", "srv", "--model={model}", "--share={gpu_share}"),
            List.of("--name", "{replica}", "--keep={literal}"),
            Map.of("CUDA_VISIBLE_DEVICES", "0", "PORT", "{port}"),
            "/ok",
            Duration.ofMinutes(1),
            Duration.ZERO);
    var c = templates.command(spec("vllm", "m", p, GPU), 7, TMP);
    assertThat(c.argv())
        .containsExactly(
            "python",
            "-m",
            "srv",
            "--model=m",
            "--share=0.25",
            "--gpu-memory-utilization",
            "0.5",
            "--name",
            "emb-1",
            "--keep={literal}");
    assertThat(c.readyPath()).isEqualTo("/ok");
    assertThat(c.env()).containsEntry("CUDA_VISIBLE_DEVICES", "0").containsEntry("PORT", "7");
  }

  @Test
  void aGenericServerNeedsACommand() throws LaunchException {
    var none = new LaunchHints(Map.of(), List.of());
    assertThatThrownBy(() -> templates.command(spec("openai-server", "m", null, none), 1, TMP))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("needs process.command");
    var p =
        new ProcessSpec(
            List.of("srv", "{port}"), null, null, null, Duration.ofSeconds(1), Duration.ZERO);
    var c = templates.command(spec("openai-server", "m", p, none), 9, TMP);
    assertThat(c.argv()).containsExactly("srv", "9");
    assertThat(c.readyPath()).isEqualTo("/v1/models");
  }

  @Test
  void gpuShareIsRoundedDown() {
    assertThat(Placeholders.share(0)).isEqualTo("0.00");
    assertThat(Placeholders.share(125)).isEqualTo("0.12");
    assertThat(Placeholders.share(1000)).isEqualTo("1.00");
  }

  private static ReplicaSpec spec(String kind, String model, ProcessSpec p, LaunchHints hints) {
    return new ReplicaSpec("emb-1", deployment(kind, model, p), hints, null);
  }

  private static Deployment deployment(String kind, String model, ProcessSpec p) {
    return new Deployment(
        "emb",
        "/emb",
        Task.EMBEDDING,
        new EngineSpec(kind, model, Map.of()),
        new Resources(250, 0, 0),
        null,
        1,
        null,
        null,
        null,
        null,
        p == null ? ProcessSpec.DEFAULT : p,
        null,
        null);
  }
}
