package dev.mixserve.cli;

import dev.mixserve.controller.process.MixserveCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The seed's cluster on one machine: a head and a worker per node of {@code examples/homelab.yaml}
 * (khelben, elminster, drizzt, danilo), each its own `mixserve serve` process on loopback, with the
 * CPU engines standing in for the GPU ones (stories260K for vLLM, PocketSphinx and FreeTTS for
 * Whisper and XTTS, BGE-small for BGE-large and the reranker). The nodes, shares and placements are
 * the seed's, so the plan is the seed's plan. For `mixserve demo cluster` and its test.
 */
final class LocalCluster implements AutoCloseable {
  static final List<String> NODES = List.of("khelben", "elminster", "drizzt", "danilo");

  /** A cluster's config given the ports: the head's first, then each node's, in order. */
  interface Config {
    String text(int headPort, List<Integer> nodePorts);
  }

  private static final String SEED =
      """
      # The seed's homelab (examples/homelab.yaml) on loopback, CPU engines standing in.
      server: {host: 127.0.0.1, port: %d, alias_namespace: ai-ml, default_aliases: true}
      nodes:
        - name: khelben
          address: http://127.0.0.1:%d
          accelerators: [{vendor: amd, model: Strix Halo, arch: gfx1151, memory: 64GiB, unified: true}]
        - name: elminster
          address: http://127.0.0.1:%d
          accelerators: [{vendor: nvidia, model: RTX 2070, arch: sm_75, memory: 8GiB}]
        - name: drizzt
          address: http://127.0.0.1:%d
          accelerators: [{vendor: amd, model: Radeon 680M, arch: gfx1035, memory: 12GiB, unified: true}]
        - name: danilo
          address: http://127.0.0.1:%d
          accelerators: [{vendor: intel, model: Arc A770, arch: xe-hpg, memory: 16GiB}]
      deployments:
        - name: llm
          task: chat
          engine: {kind: llama-cpp, model: "%s", options: {threads: 1, parallel: 2, context_size: 512}}
          resources: {gpu: 0.95}
          placement: {node: khelben, vendor: amd}
        - name: whisper
          task: transcription
          engine: {kind: pocketsphinx}
          model_names: [whisper-1]
          resources: {gpu: 0.5}
          placement: {node: elminster, vendor: nvidia}
        - name: tts
          task: speech
          engine: {kind: freetts}
          model_names: [tts-1]
          resources: {gpu: 0.5}
          placement: {node: elminster, vendor: nvidia}
        - name: embeddings
          task: embedding
          engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5"}
          resources: {gpu: 0.8}
          placement: {node: drizzt, vendor: amd}
        - name: reranker
          task: rerank
          engine: {kind: onnx-bi-encoder, model: "builtin:bge-small-en-v1.5"}
          resources: {gpu: 0.8}
          placement: {node: danilo, vendor: intel}
      """;

  private final Path dir;
  private final Path config;
  private final int headPort;
  private final Map<String, Integer> workerPorts;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Consumer<String> log;

  private LocalCluster(Path dir, List<String> nodes, Config text, Consumer<String> log)
      throws IOException {
    this.dir = dir;
    this.log = log;
    this.headPort = freePort();
    this.workerPorts = new LinkedHashMap<>();
    for (String n : nodes) {
      workerPorts.put(n, freePort());
    }
    this.config = dir.resolve("cluster.yaml");
    Files.writeString(config, text.text(headPort, List.copyOf(workerPorts.values())));
  }

  /** The seed's config with the model standing in for vLLM. */
  static Config seed(Path model) {
    return (head, ports) -> {
      var args = new ArrayList<Object>();
      args.add(head);
      args.addAll(ports);
      args.add(model.toAbsolutePath().toString());
      return SEED.formatted(args.toArray());
    };
  }

  /**
   * Writes the seed's config into {@code dir} and starts the four workers and the head; {@code log}
   * gets every line they print, prefixed with who printed it.
   */
  static LocalCluster start(Path dir, Path model, Consumer<String> log) throws IOException {
    return start(dir, NODES, seed(model), log);
  }

  /** As {@link #start(Path, Path, Consumer)}, for any nodes and config. */
  static LocalCluster start(Path dir, List<String> nodes, Config text, Consumer<String> log)
      throws IOException {
    var c = new LocalCluster(dir, nodes, text, log);
    try {
      for (String n : nodes) {
        c.startWorker(n);
      }
      c.startHead();
      return c;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  Path config() {
    return config;
  }

  String url() {
    return "http://127.0.0.1:" + headPort;
  }

  String workerUrl(String node) {
    return "http://127.0.0.1:" + workerPorts.get(node);
  }

  /** The process of a worker (or "head"), to watch or to kill. */
  Process process(String who) {
    return processes.get(who);
  }

  /** A worker follows its head's plan: what moves to its node when another goes down starts. */
  void startWorker(String node) throws IOException {
    launch(node, List.of("--node", node, "--head", url()));
  }

  private void startHead() throws IOException {
    launch("head", List.of());
  }

  private void launch(String who, List<String> role) throws IOException {
    var argv = new ArrayList<>(MixserveCommand.thisJvm());
    Path tmp = Files.createDirectories(dir.resolve("tmp-" + who));
    argv.replaceAll(a -> a.replace("{tmp}", tmp.toString()));
    // five JVMs on one machine: each sized for what it holds, not a quarter of the machine
    argv.add(1, "-Xmx768m");
    argv.add("serve");
    argv.addAll(List.of("--config", config.toString()));
    argv.addAll(role);
    var p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    processes.put(who, p);
    var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Thread.ofVirtual()
        .name("cluster-log-" + who)
        .start(() -> out.lines().forEach(line -> log.accept("[" + who + "] " + line)));
  }

  private static int freePort() {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops every process: SIGTERM, then SIGKILL after a few seconds. */
  @Override
  public void close() {
    for (Process p : processes.values()) {
      p.destroy();
    }
    for (Process p : processes.values()) {
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
