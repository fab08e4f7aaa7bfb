package dev.mixserve.scheduler.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Node;
import dev.mixserve.api.Placement;
import dev.mixserve.api.Resources;
import dev.mixserve.api.Task;
import dev.mixserve.api.Vendor;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Target;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Per vendor: which variables hide the other devices, and which flags bound the engine. */
class DeviceEnvTest {
  static final long GIB = 1L << 30;

  record Case(
      String name,
      Accelerator acc,
      String engine,
      Map<String, Object> options,
      int milli,
      long memory,
      Map<String, String> env,
      List<String> args) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    var rtx = new Accelerator(Vendor.NVIDIA, "RTX 2070", "sm_75", 8 * GIB, false, 1);
    var halo = new Accelerator(Vendor.AMD, "Strix Halo", "gfx1151", 64 * GIB, true, 0);
    var r680m = new Accelerator(Vendor.AMD, "680M", "gfx1035", 12 * GIB, true, 0);
    var mi300 = new Accelerator(Vendor.AMD, "MI300X", "gfx942", 192 * GIB, false, 3);
    var arc = new Accelerator(Vendor.INTEL, "Arc A770", "xe-hpg", 16 * GIB, false, 1);
    return Stream.of(
        new Case(
            "nvidia vllm",
            rtx,
            "vllm",
            Map.of(),
            500,
            0,
            Map.of("CUDA_VISIBLE_DEVICES", "1", "GGML_VK_VISIBLE_DEVICES", "0"),
            List.of("--gpu-memory-utilization", "0.5")),
        new Case(
            "strix halo vllm 0.95",
            halo,
            "vllm",
            Map.of(),
            950,
            0,
            Map.of(
                "ROCR_VISIBLE_DEVICES",
                "0",
                "HIP_VISIBLE_DEVICES",
                "0",
                "HSA_OVERRIDE_GFX_VERSION",
                "11.5.1",
                "GGML_VK_VISIBLE_DEVICES",
                "0"),
            List.of("--gpu-memory-utilization", "0.95")),
        new Case(
            "680M override",
            r680m,
            "tei",
            Map.of(),
            800,
            0,
            Map.of(
                "ROCR_VISIBLE_DEVICES",
                "0",
                "HIP_VISIBLE_DEVICES",
                "0",
                "HSA_OVERRIDE_GFX_VERSION",
                "10.3.0",
                "GGML_VK_VISIBLE_DEVICES",
                "0"),
            List.of()),
        new Case(
            "override turned off",
            r680m,
            "tei",
            Map.of("hsa_override_gfx_version", ""),
            800,
            0,
            Map.of(
                "ROCR_VISIBLE_DEVICES",
                "0",
                "HIP_VISIBLE_DEVICES",
                "0",
                "GGML_VK_VISIBLE_DEVICES",
                "0"),
            List.of()),
        new Case(
            "supported arch needs none",
            mi300,
            "vllm",
            Map.of(),
            250,
            40 * GIB,
            Map.of(
                "ROCR_VISIBLE_DEVICES",
                "3",
                "HIP_VISIBLE_DEVICES",
                "0",
                "GGML_VK_VISIBLE_DEVICES",
                "0"),
            List.of("--gpu-memory-utilization", "0.2")),
        new Case(
            "intel level zero",
            arc,
            "llama.cpp",
            Map.of(),
            800,
            0,
            Map.of(
                "ZE_AFFINITY_MASK",
                "1",
                "ONEAPI_DEVICE_SELECTOR",
                "level_zero:0",
                "GGML_VK_VISIBLE_DEVICES",
                "0"),
            List.of("--n-gpu-layers", "999")),
        new Case(
            "llama.cpp all layers and context",
            rtx,
            "llama-server",
            Map.of("model_bytes", "4GiB", "layers", 32L, "kv_bytes_per_token", "128KiB"),
            800,
            0,
            Map.of("CUDA_VISIBLE_DEVICES", "1", "GGML_VK_VISIBLE_DEVICES", "0"),
            List.of("--n-gpu-layers", "32", "--ctx-size", "15360")),
        new Case(
            "xtts on nvidia",
            rtx,
            "xtts",
            Map.of(),
            500,
            0,
            Map.of("CUDA_VISIBLE_DEVICES", "1", "GGML_VK_VISIBLE_DEVICES", "0"),
            List.of("--device", "cuda")),
        new Case(
            "xtts on rocm is cuda to pytorch",
            r680m,
            "xtts",
            Map.of(),
            500,
            0,
            Map.of(
                "ROCR_VISIBLE_DEVICES",
                "0",
                "HIP_VISIBLE_DEVICES",
                "0",
                "HSA_OVERRIDE_GFX_VERSION",
                "10.3.0",
                "GGML_VK_VISIBLE_DEVICES",
                "0"),
            List.of("--device", "cuda")),
        new Case(
            "xtts on intel is xpu",
            arc,
            "xtts",
            Map.of(),
            500,
            0,
            Map.of(
                "ZE_AFFINITY_MASK",
                "1",
                "ONEAPI_DEVICE_SELECTOR",
                "level_zero:0",
                "GGML_VK_VISIBLE_DEVICES",
                "0"),
            List.of("--device", "xpu")),
        new Case(
            "whisper.cpp takes the one GPU it sees",
            rtx,
            "whisper",
            Map.of(),
            500,
            0,
            Map.of("CUDA_VISIBLE_DEVICES", "1", "GGML_VK_VISIBLE_DEVICES", "0"),
            List.of()),
        new Case(
            "llama.cpp partial offload",
            rtx,
            "llama.cpp",
            Map.of("model_bytes", "8GiB", "layers", 32L),
            500,
            0,
            Map.of("CUDA_VISIBLE_DEVICES", "1", "GGML_VK_VISIBLE_DEVICES", "0"),
            List.of("--n-gpu-layers", "12", "--ctx-size", "4096")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void setsVisibilityAndFlags(Case c) {
    var node = new Node("n", "", Map.of(), List.of(c.acc()));
    var d = deployment(c.engine(), c.options(), c.milli(), c.memory());
    long budget = c.memory() > 0 ? c.memory() : c.milli() * c.acc().memoryBytes() / 1000;
    var a = new Assignment("d", 0, "n", new Target.Gpu(c.acc(), c.milli(), budget));
    var hints = DeviceEnv.of(node, a, d, DeviceOptions.DEFAULT);
    assertThat(hints.env()).containsExactlyInAnyOrderEntriesOf(c.env());
    assertThat(hints.args()).containsExactlyElementsOf(c.args());
  }

  @org.junit.jupiter.api.Test
  void cpuOnlyHidesGpus() {
    var node = new Node("n", "", Map.of(), List.of());
    var a = new Assignment("d", 0, "n", new Target.Cpu());
    var hints =
        DeviceEnv.of(node, a, deployment("llama.cpp", Map.of(), 0, 0), DeviceOptions.DEFAULT);
    assertThat(hints.env()).containsExactly(Map.entry("CUDA_VISIBLE_DEVICES", ""));
    assertThat(hints.args()).containsExactly("--n-gpu-layers", "0");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "whisper, --no-gpu",
    "whisper-server, --no-gpu",
    "xtts, --device cpu",
    "tei, ''",
    "vllm, ''"
  })
  void cpuOnlyKeepsEachServerOffGpus(String kind, String flags) {
    var node = new Node("n", "", Map.of(), List.of());
    var a = new Assignment("d", 0, "n", new Target.Cpu());
    var hints = DeviceEnv.of(node, a, deployment(kind, Map.of(), 0, 0), DeviceOptions.DEFAULT);
    assertThat(hints.args())
        .containsExactlyElementsOf(
            List.of(flags.split(" ")).stream().filter(f -> !f.isEmpty()).toList());
  }

  @org.junit.jupiter.api.Test
  void vulkanCountsEveryGpuOfTheNode() {
    var amd = new Accelerator(Vendor.AMD, "680M", "gfx1035", 12 * GIB, true, 0);
    var nv = new Accelerator(Vendor.NVIDIA, "RTX 2070", "sm_75", 8 * GIB, false, 0);
    var cpu = new Accelerator(Vendor.CPU, "host", "", 0, false, 0);
    var node = new Node("n", "", Map.of(), List.of(cpu, amd, nv));
    var a = new Assignment("d", 0, "n", new Target.Gpu(nv, 500, 4 * GIB));
    var hints =
        DeviceEnv.of(node, a, deployment("llama.cpp", Map.of(), 500, 0), DeviceOptions.DEFAULT);
    assertThat(hints.env()).containsEntry("GGML_VK_VISIBLE_DEVICES", "1");
  }

  static Deployment deployment(String kind, Map<String, Object> options, int milli, long memory) {
    return new Deployment(
        "d",
        "/d",
        Task.CHAT,
        new EngineSpec(kind, "m", options),
        new Resources(milli, memory, 0),
        Placement.ANY,
        1,
        null,
        null,
        null,
        null);
  }
}
