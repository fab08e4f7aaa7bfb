package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.controller.process.MixserveCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mixserve serve` as a real process with a replica as a real child: SIGTERM while requests run
 * lets them finish, refuses new ones, stops the child and exits.
 */
class ServeSigtermIT {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @TempDir Path tmp;
  private Process serve;

  @AfterEach
  void tearDown() {
    if (serve != null) {
      serve.descendants().forEach(ProcessHandle::destroyForcibly);
      serve.destroyForcibly();
    }
  }

  @Test
  void sigtermUnderLoadFinishesInFlightRequestsAndStopsChildren() throws Exception {
    Path file = tmp.resolve("mixserve.yaml");
    Files.writeString(
        file,
        """
        server: {host: 127.0.0.1, port: 0}
        deployments:
          - name: echo
            task: embedding
            engine: {kind: echo}
            process: {stop_timeout: 5s}
        """);
    var argv = new ArrayList<>(MixserveCommand.thisJvm());
    argv.replaceAll(a -> a.replace("{tmp}", tmp.toString()));
    argv.addAll(List.of("serve", "--config", file.toString()));
    serve = new ProcessBuilder(argv).redirectErrorStream(true).start();
    var out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String url = null;
    for (String line; url == null && (line = out.readLine()) != null; ) {
      var m = LISTENING.matcher(line);
      url = m.find() ? m.group(1) : null;
    }
    assertThat(url).as("serve printed where it listens").isNotNull();
    Thread.ofVirtual().start(() -> out.lines().forEach(l -> {})); // keep its pipe drained
    Status.awaitRunning(url, "echo", 1, Duration.ofSeconds(60));
    var children = serve.descendants().filter(ProcessHandle::isAlive).toList();
    assertThat(children).isNotEmpty();

    String slow = url + "/echo/v1/embeddings";
    var inFlight = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 0; i < 4; i++) {
      inFlight.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Http.post(slow, "{\"input\":\"@delay=3s slow\"}").statusCode();
                } catch (Exception e) {
                  return -1;
                }
              }));
    }
    Thread.sleep(1000);
    serve.destroy(); // SIGTERM

    for (var f : inFlight) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200);
    }
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve exited").isTrue();
    assertThat(children).noneMatch(ProcessHandle::isAlive);
  }
}
