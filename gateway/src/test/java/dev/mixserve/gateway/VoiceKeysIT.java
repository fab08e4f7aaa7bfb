package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.auth.KeyHash;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /voice/v1/chat calls the server's own deployments, one per stage: each is let in by the
 * caller's key, so a key that may not reach a stage is refused there (403, not a 500), and one that
 * may goes through every stage.
 */
public class VoiceKeysIT {
  static MixserveServer server;

  @BeforeAll
  static void start() throws Exception {
    String config =
        """
        server: {host: 127.0.0.1, port: 0}
        deployments:
          - {name: whisper, task: transcription, engine: {kind: pocketsphinx}}
          - {name: llm, task: chat, engine: {kind: echo}}
          - {name: tts, task: speech, engine: {kind: freetts}}
        auth:
          keys:
            - {name: all, sha256: %s, scopes: ["*"]}
            - {name: no-ears, sha256: %s, scopes: [llm, tts]}
        """
            .formatted(KeyHash.hex("msk-all"), KeyHash.hex("msk-no-ears"));
    server =
        MixserveServer.start(
            ConfigLoader.parse(config, "voice-keys"),
            EngineRegistry.discover(),
            new EngineContext(Path.of("target"), Map.of()));
    server.loaded().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> voice(String key) throws Exception {
    String boundary = "b0undary";
    var body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(silence());
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    var req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/voice/v1/chat"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return KeyedServer.CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
  }

  /** Half a second of 16 kHz silence. */
  static byte[] silence() {
    int data = 16_000;
    var b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(data);
    return b.array();
  }

  @Test
  void aStageOutsideTheKeysScopeIsRefusedThere() throws Exception {
    var res = voice("msk-no-ears");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(403);
    assertThat(res.body()).contains("may not call 'whisper'").contains("insufficient_permissions");
  }

  @Test
  void theCallersKeyGoesWithEveryStage() throws Exception {
    var res = voice("msk-all");
    // without its key a stage would be refused (401, or 403): anything else means it was let in,
    // whatever the engines made of half a second of silence (or whether PocketSphinx is here)
    assertThat(res.statusCode()).as(res.body()).isNotIn(401, 403, 500);
  }
}
