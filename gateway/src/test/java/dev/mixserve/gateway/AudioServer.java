package dev.mixserve.gateway;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real server with the CPU speech engines, shared by the audio integration tests. Needs the
 * Debian packages pocketsphinx, pocketsphinx-en-us and espeak-ng: without them the deployments fail
 * to load and the tests fail with the reason.
 */
public final class AudioServer {
  static String config() throws Exception {
    Path gram = Path.of(AudioServer.class.getResource("/sentences.gram").toURI());
    return """
        server: {host: 127.0.0.1, port: 0}
        deployments:
          - name: whisper
            task: transcription
            engine: {kind: pocketsphinx}
            model_names: [whisper-1]
            limits: {max_body: 8MiB}
          - name: whisper-grammar
            route: /whisper-grammar
            task: transcription
            engine: {kind: pocketsphinx, options: {jsgf: "%s"}}
          - name: whisper-small
            route: /whisper-small
            task: transcription
            engine: {kind: pocketsphinx}
            limits: {max_body: 64KiB}
          - name: tts
            task: speech
            engine: {kind: freetts}
            model_names: [tts-1]
          - name: espeak
            task: speech
            engine: {kind: espeak-ng}
        """
        .formatted(gram);
  }

  private static MixserveServer server;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  private AudioServer() {}

  static synchronized MixserveServer get() {
    if (server == null) {
      try {
        var cfg = ConfigLoader.parse(config(), "AudioServer");
        server =
            MixserveServer.start(
                cfg,
                EngineRegistry.discover(),
                new EngineContext(Path.of("target", "cache"), Map.of()));
        server.loaded().get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("audio test server did not start", e);
      }
      server.runtimes().forEach(rt -> rt.engine()); // 503 with the reason when an engine failed
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + get().port() + path);
  }

  /** A multipart/form-data body: fields as name/value pairs, then an optional file. */
  static HttpResponse<byte[]> upload(String path, byte[] file, String filename, String... fields) {
    String boundary = "----mixserve" + UUID.randomUUID();
    var parts = new ArrayList<byte[]>();
    for (int i = 0; i < fields.length; i += 2) {
      parts.add(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + fields[i]
                  + "\"\r\n\r\n"
                  + fields[i + 1]
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    if (file != null) {
      parts.add(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + filename
                  + "\"\r\nContent-Type: audio/wav\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      parts.add(file);
      parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArrays(parts))
            .build());
  }

  static HttpResponse<byte[]> postJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static List<String> lines(HttpResponse<byte[]> r) {
    return text(r).lines().toList();
  }
}
