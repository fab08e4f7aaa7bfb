package dev.mixserve.scheduler.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The three formats on the seed's homelab, and on a config that cannot all be placed. */
class PlanReportTest {
  static final MixserveConfig HOMELAB = ConfigLoader.load(Path.of("../examples/homelab.yaml"));

  @Test
  void tableShowsEveryReplicaAndTheHeadroom() {
    assertThat(PlanReport.render(HOMELAB, Format.TABLE))
        .isEqualTo(
            """
            NODE       ACCELERATOR               DEPLOYMENT   SHARE  MEMORY    FREE AFTER
            khelben    amd gfx1151 #0 (64 GiB)   /llm         0.95   60.8 GiB  0.05 GPU, 3.2 GiB
            elminster  nvidia sm_75 #0 (8 GiB)   /whisper     0.5    4 GiB     0.5 GPU, 4 GiB
            elminster  nvidia sm_75 #0 (8 GiB)   /tts         0.5    4 GiB     0 GPU, 0 B
            drizzt     amd gfx1035 #0 (12 GiB)   /embeddings  0.8    9.6 GiB   0.2 GPU, 2.4 GiB
            danilo     intel xe-hpg #0 (16 GiB)  /reranker    0.8    12.8 GiB  0.2 GPU, 3.2 GiB
            """);
  }

  @Test
  void mermaidDrawsTheSeedsPicture() {
    assertThat(PlanReport.render(HOMELAB, Format.MERMAID))
        .startsWith("flowchart TB\n")
        .contains(
            "subgraph node_khelben[\"🔴 khelben (Strix Halo 64GB)\"]\n"
                + "llm[\"/llm<br/>vLLM Llama-3.3-70B-Instruct<br/>0.95 GPU\"]\nend",
            "subgraph node_elminster[\"🟢 elminster (RTX 2070 8GB)\"]\n"
                + "whisper[\"/whisper<br/>whisper-large-v3<br/>0.5 GPU\"]\n"
                + "tts[\"/tts<br/>XTTS-v2<br/>0.5 GPU\"]\nend",
            "embeddings[\"/embeddings<br/>TEI bge-large-en-v1.5<br/>0.8 GPU\"]",
            "endpoint[\"ai-inference-serve-svc:8000\"]",
            "svc5[\"reranker-predictor.ai-ml\"]",
            "svc1 -->|\"ExternalName\"| endpoint",
            "class llm,embeddings amd\n",
            "class whisper,tts nvidia\n",
            "class reranker intel\n");
  }

  @Test
  void jsonCarriesLaunchHints() throws Exception {
    var json = new ObjectMapper().readTree(PlanReport.render(HOMELAB, Format.JSON));
    var llm = json.get("assignments").get(0);
    assertThat(llm.get("deployment").asText()).isEqualTo("llm");
    assertThat(llm.get("milli_gpu").asInt()).isEqualTo(950);
    assertThat(llm.get("accelerator").get("arch").asText()).isEqualTo("gfx1151");
    assertThat(llm.get("env").get("HSA_OVERRIDE_GFX_VERSION").asText()).isEqualTo("11.5.1");
    assertThat(llm.get("args").toString()).isEqualTo("[\"--gpu-memory-utilization\",\"0.95\"]");
    assertThat(json.get("refusals")).isEmpty();
    assertThat(json.get("accelerators").get(0).get("free_milli_gpu").asInt()).isEqualTo(50);
  }

  @Test
  void refusalsAreListedWithReasons() {
    var twice =
        HOMELAB.withDeployments(
            HOMELAB.deployments().stream()
                .map(d -> d.name().equals("llm") ? withReplicas(d, 2) : d)
                .toList());
    assertThat(PlanReport.render(twice, Format.TABLE))
        .contains("/llm #0")
        .contains(
            "Refused (1):\n"
                + "  llm replica 1: /llm needs 950 milli-GPU on node khelben on amd\n"
                + "    khelben: amd gfx1151, 50 milli-GPU free, needs 950\n"
                + "    elminster: not node khelben\n");
    assertThat(PlanReport.render(twice, Format.MERMAID))
        .contains(
            "subgraph unplaced[\"⛔ Unplaced\"]", "llm_1[\"/llm #1<br/>", "class llm_1 refused");
  }

  @Test
  void mermaidNestsGpusOfOneNodeAndShowsCpuReplicas() {
    var config =
        ConfigLoader.parse(
            """
            nodes:
              - name: big
                accelerators:
                  - {vendor: nvidia, model: H100, arch: sm_90, memory: 80GiB}
                  - {vendor: nvidia, model: H100, arch: sm_90, memory: 80GiB}
            deployments:
              - {name: llm, task: chat, engine: {kind: vllm, model: m}, resources: {gpu: 0.6}, replicas: 2}
              - {name: embed-cpu, task: embedding, engine: {kind: echo}}
            """,
            "big.yaml");
    assertThat(PlanReport.render(config, Format.MERMAID))
        .contains(
            "subgraph node_big[\"🟢 big\"]\nsubgraph node_big_nvidia0[\"🟢 H100 80GB\"]\n"
                + "llm[\"/llm #0<br/>vLLM m<br/>0.6 GPU\"]\nend\n"
                + "subgraph node_big_nvidia1[\"🟢 H100 80GB\"]\n"
                + "llm_1[\"/llm #1<br/>vLLM m<br/>0.6 GPU\"]\nend\n",
            "embed_cpu[\"/embed-cpu<br/>echo<br/>CPU\"]",
            "class embed_cpu cpu");
  }

  static dev.mixserve.api.Deployment withReplicas(dev.mixserve.api.Deployment d, int n) {
    return new dev.mixserve.api.Deployment(
        d.name(),
        d.route(),
        d.task(),
        d.engine(),
        d.resources(),
        d.placement(),
        n,
        d.limits(),
        d.batching(),
        d.aliases(),
        d.modelNames());
  }
}
