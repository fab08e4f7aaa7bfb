package dev.mixserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SSE parsing and cancellation against a local server that streams chunks. */
class ChatStreamTest {
  private static final ChatRequest HI = ChatRequest.of(List.of(ChatMessage.user("hi")));

  private static String chunk(String content, String finish) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + content
        + "\"},\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"")
        + "}]}\n\n";
  }

  private static void write(HttpExchange ex, String s) throws IOException {
    ex.getResponseBody().write(s.getBytes(StandardCharsets.UTF_8));
    ex.getResponseBody().flush();
  }

  private static void start(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
  }

  @Test
  void textArrivesChunkByChunkBeforeTheEnd() throws Exception {
    var firstSeen = new CountDownLatch(1);
    try (var server =
            new FakeServer(
                ex -> {
                  start(ex);
                  write(ex, chunk("Once", null));
                  try { // the rest waits until the client has shown the first piece
                    firstSeen.await(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  write(ex, ": comment\n\n" + chunk(" upon", null) + chunk("", "stop"));
                  write(
                      ex,
                      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n");
                  ex.close();
                });
        var client = MixserveClient.of(server.url())) {
      var pieces = new CopyOnWriteArrayList<String>();
      var stream =
          client.chatStream(
              Target.route("/llm"),
              HI,
              p -> {
                pieces.add(p);
                firstSeen.countDown();
              });
      var r = stream.await();
      assertThat(pieces).containsExactly("Once", " upon");
      assertThat(r.text()).isEqualTo("Once upon");
      assertThat(r.finishReason()).isEqualTo("stop");
      assertThat(r.completionTokens()).isEqualTo(2);
    }
  }

  @Test
  void cancelStopsTheStreamAndTheServerSeesTheDisconnect() throws Exception {
    var serverSawClose = new CountDownLatch(1);
    try (var server =
            new FakeServer(
                ex -> {
                  start(ex);
                  try {
                    for (int i = 0; i < 10_000; i++) {
                      write(ex, chunk("tok" + i + " ", null));
                      Thread.sleep(5);
                    }
                  } catch (IOException | InterruptedException e) {
                    serverSawClose.countDown();
                  }
                  ex.close();
                });
        var client = MixserveClient.of(server.url())) {
      var got = new CountDownLatch(3);
      var stream = client.chatStream(Target.root(), HI, p -> got.countDown());
      assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
      stream.cancel();
      var r = stream.await();
      assertThat(r.cancelled()).isTrue();
      assertThat(r.text()).startsWith("tok0 tok1 tok2 ");
      assertThat(serverSawClose.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void cancelWorksBeforeTheServerHasAnswered() throws Exception {
    var arrived = new CountDownLatch(1);
    try (var server =
            new FakeServer(
                ex -> {
                  arrived.countDown();
                  try { // a model still loading or queued: no headers yet
                    Thread.sleep(30_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  ex.close();
                });
        var client = MixserveClient.of(server.url())) {
      var stream = client.chatStream(Target.root(), HI, p -> {});
      assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      stream.cancel();
      assertThat(stream.await().cancelled()).isTrue();
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }
  }

  @Test
  void anErrorEventEndsTheStreamWithTheServerMessage() {
    try (var server =
            new FakeServer(
                ex -> {
                  start(ex);
                  write(
                      ex,
                      chunk("a", null) + "data: {\"error\":{\"message\":\"engine crashed\"}}\n\n");
                  ex.close();
                });
        var client = MixserveClient.of(server.url())) {
      var stream = client.chatStream(Target.root(), HI, p -> {});
      assertThatThrownBy(stream::await).hasMessageContaining("engine crashed");
    }
  }

  @Test
  void aRefusedStreamThrowsFromAwait() {
    try (var server =
            new FakeServer(
                ex ->
                    FakeServer.send(
                        ex,
                        404,
                        "{\"error\":{\"message\":\"no route for /nollm/v1/chat/completions\"}}"));
        var client = MixserveClient.of(server.url())) {
      var stream = client.chatStream(Target.route("/nollm"), HI, p -> {});
      assertThatThrownBy(stream::await)
          .isInstanceOfSatisfying(
              MixserveException.class, e -> assertThat(e.status()).isEqualTo(404))
          .hasMessageContaining("no route for");
    }
  }
}
