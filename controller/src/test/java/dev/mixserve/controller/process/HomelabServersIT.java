package dev.mixserve.controller.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.controller.Controller;
import dev.mixserve.controller.ReplicaState;
import dev.mixserve.controller.ReplicaView;
import dev.mixserve.controller.RestartPolicy;
import dev.mixserve.controller.health.HttpHealthProbe;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import dev.mixserve.scheduler.device.DeviceEnv;
import dev.mixserve.scheduler.device.DeviceOptions;
import dev.mixserve.scheduler.device.LaunchHints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * examples/homelab.yaml as it is, each deployment started by the controller as its own server, with
 * the device variables of the node and GPU the plan chose. The servers are stand-ins on the child's
 * PATH: they write down their argv and environment, then answer 503 on their readiness path until
 * the test lets them load, and 200 after.
 */
class HomelabServersIT {
  static final MixserveConfig HOMELAB = ConfigLoader.load(Path.of("../examples/homelab.yaml"));

  /** Every variable a placement may set; those it does not set stay as this process has them. */
  static final List<String> DEVICE_VARS =
      List.of(
          "CUDA_VISIBLE_DEVICES",
          "HIP_VISIBLE_DEVICES",
          "ROCR_VISIBLE_DEVICES",
          "HSA_OVERRIDE_GFX_VERSION",
          "ZE_AFFINITY_MASK",
          "ONEAPI_DEVICE_SELECTOR",
          "GGML_VK_VISIBLE_DEVICES");

  static final String WHISPER_FILE = "/models/ggml-large-v3.bin";

  record Case(
      String deployment,
      String program,
      String readyPath,
      List<String> args,
      Map<String, String> env) {
    @Override
    public String toString() {
      return deployment + " → " + program;
    }
  }

  static Stream<Case> homelab() {
    return Stream.of(
        new Case(
            "llm",
            "vllm",
            "/health",
            List.of(
                "serve",
                "meta-llama/Llama-3.3-70B-Instruct",
                "--host",
                "127.0.0.1",
                "--port",
                "PORT",
                "--served-model-name",
                "llm",
                "meta-llama/Llama-3.3-70B-Instruct",
                "--gpu-memory-utilization",
                "0.95"),
            Map.of(
                "ROCR_VISIBLE_DEVICES", "0",
                "HIP_VISIBLE_DEVICES", "0",
                "HSA_OVERRIDE_GFX_VERSION", "11.5.1",
                "GGML_VK_VISIBLE_DEVICES", "0")),
        new Case(
            "whisper",
            "whisper-server",
            "/health",
            List.of(
                "-m",
                WHISPER_FILE,
                "--host",
                "127.0.0.1",
                "--port",
                "PORT",
                "--inference-path",
                "/v1/audio/transcriptions"),
            Map.of("CUDA_VISIBLE_DEVICES", "0", "GGML_VK_VISIBLE_DEVICES", "0")),
        new Case(
            "tts",
            "tts-server",
            "/locales",
            List.of(
                "--model_name",
                "tts_models/multilingual/multi-dataset/xtts_v2",
                "--port",
                "PORT",
                "--speaker_idx",
                "Ana Florence",
                "--language_idx",
                "en",
                "--device",
                "cuda"),
            Map.of("CUDA_VISIBLE_DEVICES", "0", "GGML_VK_VISIBLE_DEVICES", "0")),
        new Case(
            "embeddings",
            "text-embeddings-router",
            "/health",
            List.of(
                "--model-id",
                "BAAI/bge-large-en-v1.5",
                "--hostname",
                "127.0.0.1",
                "--port",
                "PORT"),
            Map.of(
                "ROCR_VISIBLE_DEVICES", "0",
                "HIP_VISIBLE_DEVICES", "0",
                "HSA_OVERRIDE_GFX_VERSION", "10.3.0",
                "GGML_VK_VISIBLE_DEVICES", "0")),
        new Case(
            "reranker",
            "text-embeddings-router",
            "/health",
            List.of(
                "--model-id",
                "BAAI/bge-reranker-large",
                "--hostname",
                "127.0.0.1",
                "--port",
                "PORT"),
            Map.of(
                "ZE_AFFINITY_MASK", "0",
                "ONEAPI_DEVICE_SELECTOR", "level_zero:0",
                "GGML_VK_VISIBLE_DEVICES", "0")));
  }

  @TempDir Path tmp;
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final List<String> fetched = new CopyOnWriteArrayList<>();
  private Path bin;
  private Path out;
  private ProcessLauncher launcher;
  private Controller controller;

  @BeforeEach
  void setUp() throws IOException {
    Assumptions.assumeTrue(Executables.find("python3", System.getenv("PATH")).isPresent());
    bin = Files.createDirectories(tmp.resolve("bin"));
    out = Files.createDirectories(tmp.resolve("out"));
    var templates =
        new CommandTemplate(
            List.of("mixserve"),
            ref -> {
              fetched.add(ref);
              return Path.of(WHISPER_FILE);
            });
    var env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "STANDIN_OUT", out.toString());
    launcher = new ProcessLauncher(templates, tmp.resolve("replicas"), logs::add, env);
    controller =
        new Controller(
            launcher,
            new HttpHealthProbe(),
            RestartPolicy.DEFAULT,
            new Metrics(),
            InstantSource.system(),
            Duration.ofMillis(50));
  }

  @AfterEach
  void tearDown() {
    if (controller != null) {
      controller.close(Duration.ofSeconds(10));
      launcher.close();
    }
  }

  @ParameterizedTest
  @MethodSource("homelab")
  void startsTheServerThePlanPlacesWithItsDeviceAndWaitsForItsReadiness(Case c) throws IOException {
    standIn(c.program(), c.readyPath());
    Deployment d = deployment(c.deployment());
    assertThat(d.process()).as("served as the file has it: no process block").isNull();
    assertThat(CommandTemplate.supervised(d)).isTrue();
    LaunchHints hints = placed(d);

    controller.apply(List.of(d), null, x -> hints);
    controller.start();

    // Loading: the readiness path answers 503, probe after probe, and the replica waits.
    await()
        .atMost(Duration.ofSeconds(30))
        .failFast("the replica failed", this::failed)
        .until(() -> requests(c.program()).stream().filter(r -> r.endsWith(" 503")).count() >= 3);
    assertThat(view().state()).isEqualTo(ReplicaState.STARTING);
    assertThat(requests(c.program())).allMatch(r -> r.equals("GET " + c.readyPath() + " 503"));

    Files.writeString(out.resolve("go"), "loaded");
    await()
        .atMost(Duration.ofSeconds(30))
        .failFast("the replica failed", this::failed)
        .until(() -> view().state() == ReplicaState.RUNNING);
    assertThat(requests(c.program())).contains("GET " + c.readyPath() + " 200");

    var seen = new ObjectMapper().readTree(out.resolve(c.program() + ".json").toFile());
    var argv = new ArrayList<String>();
    seen.get("argv").forEach(a -> argv.add(a.asText()));
    String port = String.valueOf(view().endpoint().getPort());
    assertThat(argv.getFirst()).isEqualTo(bin.resolve(c.program()).toString());
    assertThat(argv.subList(1, argv.size()))
        .containsExactlyElementsOf(
            c.args().stream().map(a -> a.equals("PORT") ? port : a).toList());
    for (String v : DEVICE_VARS) {
      var got = seen.get("env").get(v);
      assertThat(got == null ? null : got.asText())
          .as(v)
          .isEqualTo(c.env().containsKey(v) ? c.env().get(v) : System.getenv(v));
    }
    assertThat(fetched)
        .containsExactlyElementsOf(
            c.program().equals("whisper-server")
                ? List.of("hf://ggerganov/whisper.cpp/ggml-large-v3.bin")
                : List.of());
  }

  private static Deployment deployment(String name) {
    return HOMELAB.deployments().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** What the gateway gives the controller: the plan's node and GPU for the deployment. */
  private static LaunchHints placed(Deployment d) {
    var plan =
        Scheduler.plan(HOMELAB.nodes(), HOMELAB.deployments(), List.of(), ScheduleOptions.DEFAULT);
    var a = plan.of(d.name()).getFirst();
    var node = HOMELAB.nodes().stream().filter(n -> n.name().equals(a.node())).findFirst();
    return DeviceEnv.of(node.orElseThrow(), a, d, DeviceOptions.DEFAULT);
  }

  /** Throws with the replica's last error once it failed, so a broken start says why at once. */
  private boolean failed() {
    var all = controller.replicas();
    if (!all.isEmpty() && all.getFirst().state() == ReplicaState.FAILED) {
      throw new AssertionError(all.getFirst().lastError() + "\n" + String.join("\n", logs));
    }
    return false;
  }

  private ReplicaView view() {
    var all = controller.replicas();
    assertThat(all).hasSize(1);
    return all.getFirst();
  }

  private List<String> requests(String program) throws IOException {
    Path f = out.resolve(program + ".requests");
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

  /**
   * A server named {@code program}: records argv and environment, listens where --host/--hostname
   * and --port say (tts-server has no host option: loopback), answers 503 on {@code readyPath}
   * until STANDIN_OUT/go exists, 200 after, 404 on any other GET, and 200 to any POST (a health
   * check). Every answer is logged to STANDIN_OUT/PROGRAM.requests.
   */
  private void standIn(String program, String readyPath) throws IOException {
    String script =
        """
        #!/usr/bin/env python3
        import http.server, json, os, sys
        READY = "READY_PATH"
        out = os.environ["STANDIN_OUT"]
        name = os.path.basename(sys.argv[0])
        with open(os.path.join(out, name + ".json.part"), "w") as f:
            json.dump({"argv": sys.argv, "env": dict(os.environ)}, f)
        os.replace(os.path.join(out, name + ".json.part"), os.path.join(out, name + ".json"))
        args = sys.argv[1:]
        def opt(names, default=None):
            for n in names:
                if n in args:
                    return args[args.index(n) + 1]
            return default
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, code, body):
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                with open(os.path.join(out, name + ".requests"), "a") as f:
                    f.write("%s %s %d\\n" % (self.command, self.path, code))
            def do_GET(self):
                if self.path != READY:
                    return self.answer(404, b"{}")
                loaded = os.path.exists(os.path.join(out, "go"))
                self.answer(200 if loaded else 503, b'{"status":"ok"}' if loaded else b'{"status":"loading model"}')
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.answer(200, b'{"text":""}')
            def log_message(self, *args):
                pass
        host = opt(["--host", "--hostname"], "127.0.0.1")
        http.server.ThreadingHTTPServer((host, int(opt(["--port"]))), Handler).serve_forever()
        """
            .replace("READY_PATH", readyPath);
    Path file = bin.resolve(program);
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
