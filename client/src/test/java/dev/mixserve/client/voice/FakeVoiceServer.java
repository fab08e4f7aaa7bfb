package dev.mixserve.client.voice;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * /whisper, /llm and /tts faked on the JDK's HTTP server: the transcript is fixed, the answer is
 * streamed in pieces and holds its second sentence back until /tts has been asked for the first
 * (which proves sentences reach /tts while the answer is still being written), and /tts answers a
 * WAV whose samples are the sentence's bytes.
 */
final class FakeVoiceServer implements AutoCloseable {
  final List<String> spoken = new CopyOnWriteArrayList<>();
  final CountDownLatch firstSpoken = new CountDownLatch(1);

  /** False if the answer's second sentence had to be sent without /tts having the first. */
  volatile boolean overlapped = true;

  volatile String transcript = "what did the cat do";
  private final HttpServer server;

  FakeVoiceServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/whisper/v1/models", ex -> send(ex, 200, models("whisper", "transcription")));
    server.createContext("/llm/v1/models", ex -> send(ex, 200, models("llm", "chat")));
    server.createContext("/tts/v1/models", ex -> send(ex, 200, models("tts", "speech")));
    server.createContext(
        "/whisper/v1/audio/transcriptions",
        ex -> {
          ex.getRequestBody().readAllBytes();
          send(ex, 200, "{\"text\":\"" + transcript + "\"}");
        });
    server.createContext("/llm/v1/chat/completions", this::chat);
    server.createContext("/tts/v1/audio/speech", this::speech);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static String models(String id, String task) {
    return "{\"data\":[{\"id\":\""
        + id
        + "\",\"task\":\""
        + task
        + "\",\"route\":\"/"
        + id
        + "\",\"ready\":true}]}";
  }

  private void chat(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    var body = ex.getResponseBody();
    for (String piece : new String[] {"The cat", " sat down. ", "Then it", " slept."}) {
      if (piece.startsWith("Then")) {
        overlapped &= await(firstSpoken);
      }
      body.write(
          ("data: {\"choices\":[{\"delta\":{\"content\":\"" + piece + "\"}}]}\n\n")
              .getBytes(StandardCharsets.UTF_8));
      body.flush();
    }
    body.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    ex.close();
  }

  private void speech(HttpExchange ex) throws IOException {
    String req = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String input = req.replaceAll(".*\"input\":\"([^\"]*)\".*", "$1");
    spoken.add(input);
    firstSpoken.countDown();
    byte[] wav = new WavClip(WavClipTest.fmt16k(), input.getBytes(StandardCharsets.UTF_8)).bytes();
    ex.sendResponseHeaders(200, wav.length);
    ex.getResponseBody().write(wav);
    ex.close();
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
