package dev.mixserve.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A streamed answer, requested and read on its own virtual thread. Text reaches the callback as
 * each chunk arrives; {@link #cancel()} works at any point, also while the server has not answered
 * yet (the request is interrupted), and closes the connection, which is how the server learns to
 * stop.
 */
public final class ChatStream implements AutoCloseable {
  private final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
  private final StreamState state = new StreamState();
  private volatile InputStream body;
  private volatile boolean cancelled;
  private Thread thread;

  private ChatStream() {}

  static ChatStream start(Supplier<HttpResponse<InputStream>> open, Consumer<String> onText) {
    var s = new ChatStream();
    s.thread = Thread.ofVirtual().name("mixserve-client-sse").unstarted(() -> s.run(open, onText));
    s.thread.start();
    return s;
  }

  /** Stops the answer; {@link #await()} then returns the text so far, finish reason cancelled. */
  public void cancel() {
    cancelled = true;
    InputStream b = body;
    if (b != null) {
      try {
        b.close(); // not the reader: it is locked by the reading thread
      } catch (IOException ignored) {
        // closing is all we wanted; a failure here leaves nothing to do
      }
    }
    thread.interrupt(); // ends a request still waiting for its answer, or a retry's wait
  }

  /** Waits for the end of the answer. */
  public ChatResponse await() {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof MixserveException m
          ? m
          : new MixserveException("stream failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
      throw new MixserveException("interrupted while streaming", e);
    }
  }

  public CompletableFuture<ChatResponse> result() {
    return result;
  }

  private void run(Supplier<HttpResponse<InputStream>> open, Consumer<String> onText) {
    try {
      body = open.get().body();
      if (cancelled) {
        body.close();
        result.complete(state.response(true));
        return;
      }
      read(onText);
    } catch (RuntimeException | IOException e) {
      if (cancelled) {
        result.complete(state.response(true));
      } else {
        result.completeExceptionally(e);
      }
    }
  }

  private void read(Consumer<String> onText) {
    var parser = new SseParser();
    try (var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      boolean done = false;
      while (!done && (line = reader.readLine()) != null) {
        done = parser.line(line).map(d -> state.event(d, onText)).orElse(false);
      }
      if (!done) {
        parser.flush().ifPresent(d -> state.event(d, onText));
      }
      result.complete(state.response(cancelled));
    } catch (IOException e) {
      if (cancelled) {
        result.complete(state.response(true));
      } else {
        result.completeExceptionally(new MixserveException("the stream broke: " + e, e));
      }
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    if (!result.isDone()) {
      cancel();
    }
  }

  /** What the chunks have said so far. */
  private static final class StreamState {
    private final StringBuilder text = new StringBuilder();
    private String finish;
    private int promptTokens = -1;
    private int completionTokens = -1;

    /** Takes one event's data; true at [DONE]. */
    boolean event(String data, Consumer<String> onText) {
      if (data.equals("[DONE]")) {
        return true;
      }
      JsonNode chunk = ClientJson.parse(data, "a stream chunk");
      if (chunk.has("error")) {
        String msg = chunk.path("error").path("message").asText(chunk.path("error").toString());
        throw new MixserveException("the server ended the stream: " + msg, 500, null, null, msg);
      }
      JsonNode choice = chunk.path("choices").path(0);
      String piece = choice.path("delta").path("content").asText(choice.path("text").asText(""));
      if (!piece.isEmpty()) {
        text.append(piece);
        onText.accept(piece);
      }
      if (choice.hasNonNull("finish_reason")) {
        finish = choice.path("finish_reason").asText();
      }
      JsonNode usage = chunk.path("usage");
      if (usage.isObject()) {
        promptTokens = usage.path("prompt_tokens").asInt(-1);
        completionTokens = usage.path("completion_tokens").asInt(-1);
      }
      return false;
    }

    ChatResponse response(boolean cancelled) {
      return new ChatResponse(
          text.toString(),
          cancelled ? ChatResponse.CANCELLED : finish,
          promptTokens,
          completionTokens);
    }
  }
}
