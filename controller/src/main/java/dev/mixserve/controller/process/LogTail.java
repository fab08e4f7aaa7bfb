package dev.mixserve.controller.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A replica's output, read line by line and handed on with the replica id in front. The last lines
 * are kept: they usually say why a process died.
 */
final class LogTail {
  static final int KEEP = 50;

  private final ArrayDeque<String> last = new ArrayDeque<>(KEEP);
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private LogTail() {}

  static LogTail drain(String id, InputStream in, Consumer<String> sink) {
    var tail = new LogTail();
    Thread.ofVirtual().name("replica-log-" + id).start(() -> tail.read(id, in, sink));
    return tail;
  }

  private void read(String id, InputStream in, Consumer<String> sink) {
    try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        keep(line);
        sink.accept("[" + id + "] " + line);
      }
    } catch (IOException e) {
      // The pipe breaks when the process is killed; the exit code tells the story.
    } finally {
      done.complete(null);
    }
  }

  private synchronized void keep(String line) {
    if (last.size() == KEEP) {
      last.removeFirst();
    }
    last.addLast(line);
  }

  synchronized List<String> lines() {
    return List.copyOf(last);
  }

  /** Completes at the end of the output: the process and every child holding the pipe are gone. */
  CompletableFuture<Void> done() {
    return done;
  }
}
