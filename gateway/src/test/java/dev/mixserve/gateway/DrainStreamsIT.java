package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.TranscriptionEngine;
import dev.mixserve.audio.WavWriter;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue #16, item 7: a stream still open when the drain deadline passes ends with a last chunk that
 * has a finish_reason and an error event, not with a cut connection.
 */
public class DrainStreamsIT {
  @Test
  void streamsOpenAtTheDrainDeadlineEndWithAFinishChunkAndAnError() throws Exception {
    var cfg =
        ConfigLoader.parse(
            """
            server: {host: 127.0.0.1, port: 0}
            deployments:
              - {name: chat, task: chat, engine: {kind: echo}}
              - {name: stt, task: transcription, engine: {kind: slow-stt}}
            """,
            "DrainStreamsIT");
    var kinds = new HashMap<>(EngineRegistry.discover().factories());
    kinds.put("slow-stt", new SlowTranscription());
    var server =
        MixserveServer.start(
            cfg, new EngineRegistry(kinds), new EngineContext(Path.of("target"), Map.of()));
    try {
      server.loaded().get(30, TimeUnit.SECONDS);
      // the echo engine waits 20 s before its first word; keep-alives open the stream meanwhile
      // a thread each: the common pool may have one on a 2-core machine, and these block for long
      var threads = Executors.newVirtualThreadPerTaskExecutor();
      var chat =
          CompletableFuture.supplyAsync(
              () ->
                  exchange(
                      server.port(),
                      "/chat/v1/chat/completions",
                      """
                      {"messages": [{"role": "user", "content": "hi @delay=20s"}], "stream": true}"""),
              threads);
      var completion =
          CompletableFuture.supplyAsync(
              () ->
                  exchange(
                      server.port(),
                      "/chat/v1/completions",
                      """
                      {"prompt": "hi @delay=20s", "stream": true}"""),
              threads);
      var transcription =
          CompletableFuture.supplyAsync(
              () ->
                  exchange(
                      server.port(),
                      "/stt/v1/audio/transcriptions",
                      "multipart/form-data; boundary=xyz",
                      transcriptionForm()),
              threads);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  server.runtimes().get(0).gate().running() == 2
                      && server.runtimes().get(1).gate().running() == 1);
      // streams are told 2 s before the deadline and take up to a keep-alive (1 s) to notice
      server.shutdown(Duration.ofSeconds(6));

      String stt = transcription.get(30, TimeUnit.SECONDS);
      assertThat(stt).startsWith("HTTP/1.1 200");
      Sse events = Sse.parse(stt.replace("\r\n", "\n"));
      assertThat(events.chunks().getFirst().path("type").asText())
          .isEqualTo("transcript.text.delta");
      assertThat(events.chunks())
          .noneMatch(c -> c.path("type").asText().equals("transcript.text.done"));
      assertThat(events.chunks().getLast().path("error").path("type").asText())
          .as(stt)
          .isEqualTo("server_error");

      for (var stream :
          List.of(chat.get(30, TimeUnit.SECONDS), completion.get(30, TimeUnit.SECONDS))) {
        assertThat(stream).startsWith("HTTP/1.1 200");
        Sse sse = Sse.parse(stream.replace("\r\n", "\n"));
        assertThat(sse.done()).as(stream).isFalse();
        assertThat(sse.chunks()).as(stream).hasSizeGreaterThanOrEqualTo(2);
        JsonNode error = sse.chunks().getLast().path("error");
        assertThat(error.path("type").asText()).as(stream).isEqualTo("server_error");
        assertThat(error.path("code").asText()).isEqualTo("service_unavailable");
        assertThat(error.path("message").asText()).contains("shutting down");
        JsonNode last = sse.chunks().get(sse.chunks().size() - 2);
        assertThat(last.path("choices").path(0).path("finish_reason").asText())
            .as(stream)
            .isEqualTo("abort");
      }
    } finally {
      server.close();
    }
  }

  private static String exchange(int port, String path, String json) {
    return exchange(port, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** One request on a raw socket; everything the server sent until it closed, framing and all. */
  private static String exchange(int port, String path, String type, byte[] body) {
    try (var s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      s.getOutputStream()
          .write(
              ("POST "
                      + path
                      + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                      + type
                      + "\r\nContent-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(body);
      s.getOutputStream().flush();
      return new String(readToEnd(s.getInputStream()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A second of silence to transcribe, as a streamed transcription. */
  private static byte[] transcriptionForm() {
    var out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--xyz\r\nContent-Disposition: form-data; name=\"stream\"\r\n\r\ntrue\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(WavWriter.write(new short[16_000], 16_000));
    out.writeBytes("\r\n--xyz--\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** engine.kind slow-stt: a segment every 100 ms for a minute, whatever the audio. */
  static final class SlowTranscription implements EngineFactory {
    @Override
    public String kind() {
      return "slow-stt";
    }

    @Override
    public Set<Task> tasks() {
      return Set.of(Task.TRANSCRIPTION);
    }

    @Override
    public Engine create(Deployment deployment, EngineContext context) {
      return new TranscriptionEngine() {
        @Override
        public Transcript transcribe(float[] pcm, Options options, SegmentSink sink) {
          var segments = new ArrayList<Segment>();
          for (int i = 0; i < 600; i++) {
            try {
              Thread.sleep(100); // what a slow model takes per segment
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
            var s = new Segment(i, i + 1, "word" + i, List.of());
            sink.accept(s);
            segments.add(s);
          }
          return Transcript.of("en", 600, segments);
        }

        @Override
        public ModelCard card() {
          return new ModelCard("slow", Task.TRANSCRIPTION, "slow-stt", "a test engine", Map.of());
        }

        @Override
        public void close() {}
      };
    }
  }

  private static byte[] readToEnd(InputStream in) {
    var out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      // a reset after the last bytes: what came before is the answer
    }
    return out.toByteArray();
  }
}
