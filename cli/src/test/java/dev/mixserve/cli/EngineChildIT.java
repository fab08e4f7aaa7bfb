package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Task;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.controller.Launcher.LaunchException;
import dev.mixserve.controller.ReplicaSpec;
import dev.mixserve.controller.process.CommandTemplate;
import dev.mixserve.controller.process.ProcessLauncher;
import dev.mixserve.scheduler.device.LaunchHints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real `mixserve engine` children, started and supervised by the controller's ProcessLauncher. */
class EngineChildIT {
  private static final LaunchHints NONE = new LaunchHints(Map.of(), List.of());
  private static final Duration START = Duration.ofSeconds(20);

  @TempDir Path tmp;
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private ProcessLauncher launcher;
  private ReplicaSpec echo;

  @BeforeEach
  void setUp() throws Exception {
    Path config = tmp.resolve("mixserve.yaml");
    Files.writeString(
        config,
        """
        deployments:
          - name: echo
            task: embedding
            engine: {kind: echo}
            process: {}
        """);
    echo =
        new ReplicaSpec(
            "echo-1", ConfigLoader.load(config).deployment("echo").orElseThrow(), NONE, config);
    launcher = new ProcessLauncher(new CommandTemplate(), tmp.resolve("replicas"), logs::add);
  }

  @AfterEach
  void tearDown() {
    launcher.close();
  }

  @Test
  void servesUntilStopped() throws Exception {
    var r = launcher.start(echo);
    await().atMost(START).pollInterval(Duration.ofMillis(200)).until(r::ready);
    var answer =
        post(r.endpoint().resolve("/v1/embeddings"), "{\"model\":\"echo\",\"input\":\"hi\"}");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"embedding\":[").contains("\"model\":\"echo\"");
    assertThat(logs).anyMatch(l -> l.startsWith("[echo-1] mixserve engine echo listening on"));
    long pid = child().pid();

    r.stop(Duration.ofSeconds(10));

    assertThat(r.exited()).isDone();
    assertThat(r.exited().get()).startsWith("exit code 143");
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(r.ready()).isFalse();
  }

  @Test
  void theChildRunsTheEngineItsSupervisorRunsNotTheFilesOne() throws Exception {
    // what `serve --llm/--whisper/--tts` does: same deployment, engine replaced after reading
    var d = echo.deployment().withEngine(new EngineSpec("echo", "", Map.of("dimensions", 3L)));
    var r = launcher.start(new ReplicaSpec("echo-2", d, NONE, echo.config()));
    await().atMost(START).pollInterval(Duration.ofMillis(200)).until(r::ready);
    var answer =
        post(r.endpoint().resolve("/v1/embeddings"), "{\"model\":\"echo\",\"input\":\"hi\"}");
    assertThat(answer.statusCode()).isEqualTo(200);
    var vector =
        java.util.regex.Pattern.compile("\"embedding\":\\[([^\\]]*)]").matcher(answer.body());
    assertThat(vector.find()).as(answer.body()).isTrue();
    assertThat(vector.group(1).split(",")).hasSize(3); // the file's engine makes 8
    r.stop(Duration.ofSeconds(10)); // a live child would count as another test's replica
  }

  @Test
  void aKilledChildIsReported() throws Exception {
    var r = launcher.start(echo);
    await().atMost(START).pollInterval(Duration.ofMillis(200)).until(r::ready);

    child().destroyForcibly();

    String reason = r.exited().get(10, TimeUnit.SECONDS);
    assertThat(reason).startsWith("exit code 137 (killed: SIGKILL)").contains("listening on");
  }

  @Test
  void aMissingCommandIsAFailedStart() {
    var vllm = new EngineSpec("vllm", "some/model", Map.of());
    var d =
        new Deployment(
            "llm",
            "/llm",
            Task.CHAT,
            vllm,
            null,
            null,
            1,
            null,
            null,
            null,
            null,
            dev.mixserve.api.ProcessSpec.DEFAULT,
            null,
            null);
    var spec = new ReplicaSpec("llm-1", d, NONE, null);
    assertThatThrownBy(() -> launcher.start(spec))
        .isInstanceOf(LaunchException.class)
        .hasMessage("vllm: command not found on PATH; install it or set process.command");
  }

  @Test
  void aChildWhoseParentDiedExits() throws Exception {
    // The parent's death closes the pipe to the child's stdin; closing it here does the same.
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var c = new CommandTemplate().command(echo, port, Files.createDirectories(tmp.resolve("c")));
    var child = new ProcessBuilder(c.argv()).redirectErrorStream(true).start();
    try (var out = child.getInputStream()) {
      Thread.ofVirtual().start(() -> drain(out));
      await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> up(port));

      child.getOutputStream().close();

      assertThat(child.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
    } finally {
      child.destroyForcibly();
    }
  }

  private static ProcessHandle child() {
    // Tests run one at a time, so the one live child is the replica.
    var kids = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
    assertThat(kids).hasSize(1);
    return kids.getFirst();
  }

  private static boolean up(int port) {
    try {
      var uri = URI.create("http://127.0.0.1:" + port + "/v2/health/ready");
      return http()
              .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static HttpResponse<String> post(URI uri, String json) throws Exception {
    var req =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http().send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient http() {
    return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
  }

  private static void drain(java.io.InputStream in) {
    try {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      // closed with the child
    }
  }
}
