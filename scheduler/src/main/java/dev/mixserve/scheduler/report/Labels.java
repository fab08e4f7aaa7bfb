package dev.mixserve.scheduler.report;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Bytes;
import java.util.Map;

/** Human names shared by the formats. */
final class Labels {
  private static final Map<String, String> ENGINES =
      Map.of(
          "vllm", "vLLM", "whisper", "Whisper", "xtts", "XTTS", "tei", "TEI", "onnx-bert", "ONNX");

  private Labels() {}

  /** "amd gfx1151 #0 (64 GiB)". */
  static String device(Accelerator a) {
    return Bytes.kind(a) + " #" + a.index() + " (" + Bytes.human(a.memoryBytes()) + ")";
  }

  /** "/llm", or "/llm #1" when the deployment has several replicas. */
  static String replica(MixserveConfig c, Assignment a) {
    return replica(deployment(c, a.deployment()), a.replica());
  }

  static String replica(Deployment d, int replica) {
    return d.replicas() > 1 ? d.route() + " #" + replica : d.route();
  }

  static Deployment deployment(MixserveConfig c, String name) {
    return c.deployment(name)
        .orElseThrow(() -> new IllegalArgumentException("no deployment " + name));
  }

  /**
   * "vLLM Llama-3.3-70B-Instruct": the engine and the last segment of the model; the model alone
   * when it already names the engine ("whisper-large-v3").
   */
  static String engine(Deployment d) {
    String kind = ENGINES.getOrDefault(d.engine().kind(), d.engine().kind());
    String model = d.engine().model();
    String shortModel = model.substring(model.lastIndexOf('/') + 1);
    boolean named = shortModel.toLowerCase().contains(kind.toLowerCase());
    return shortModel.isEmpty() ? kind : named ? shortModel : kind + " " + shortModel;
  }

  /** "0.05 GPU, 3.2 GiB". */
  static String free(int freeMilli, long freeBytes) {
    return Bytes.share(freeMilli) + " GPU, " + Bytes.human(freeBytes);
  }
}
