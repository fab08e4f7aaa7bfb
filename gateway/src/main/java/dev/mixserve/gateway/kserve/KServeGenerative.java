package dev.mixserve.gateway.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.ChatEngine;
import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.api.engine.TranscriptionEngine;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Sampling;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.audio.AudioDecoder;
import dev.mixserve.audio.WavWriter;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.protocol.kserve.KServeJson.TensorSpec;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Map;

/**
 * KServe tensors for the generative tasks: text in, text out (chat); base64 audio in, text out
 * (transcription); text in, base64 WAV out (speech). One string element is one request.
 */
public final class KServeGenerative {
  private KServeGenerative() {}

  record Names(TensorSpec input, TensorSpec output) {}

  static Names names(DeploymentRuntime rt) {
    return switch (rt.deployment().task()) {
      case CHAT -> new Names(bytes("text_input"), bytes("text_output"));
      case TRANSCRIPTION -> new Names(bytes("audio"), bytes("text_output"));
      case SPEECH -> new Names(bytes("text_input"), bytes("audio"));
      default -> throw new IllegalStateException(rt.deployment().task().id());
    };
  }

  private static TensorSpec bytes(String name) {
    return new TensorSpec(name, "BYTES", new long[] {-1});
  }

  /** Runs one element; {@code params} are the V2 request parameters or a V1 instance's fields. */
  static String run(DeploymentRuntime rt, String input, Map<String, JsonNode> params) {
    return switch (rt.engine()) {
      case ChatEngine chat -> chat.generate(prompt(input, params), piece -> {}).text();
      case TranscriptionEngine stt -> transcribe(stt, input);
      case SpeechEngine tts -> speak(tts, input, params);
      default ->
          throw ServeException.invalid(rt.deployment().name() + " has no KServe text mapping");
    };
  }

  private static ChatRequest prompt(String text, Map<String, JsonNode> params) {
    Integer max = params.containsKey("max_tokens") ? params.get("max_tokens").asInt() : null;
    double temperature =
        params.containsKey("temperature") ? params.get("temperature").asDouble() : 1.0;
    try {
      return ChatRequest.prompt(text, max, new Sampling(temperature, 1.0, null, 0, 0));
    } catch (IllegalArgumentException e) {
      throw ServeException.invalid(e.getMessage());
    }
  }

  private static String transcribe(TranscriptionEngine stt, String base64) {
    byte[] audio;
    try {
      audio = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw ServeException.invalid("audio must be base64: " + e.getMessage());
    }
    var pcm = AudioDecoder.decode(audio).monoAt(TranscriptionEngine.SAMPLE_RATE);
    return stt.transcribe(pcm, TranscriptionEngine.Options.DEFAULT).text();
  }

  private static String speak(SpeechEngine tts, String text, Map<String, JsonNode> params) {
    String voice = params.containsKey("voice") ? params.get("voice").asText() : null;
    var pcm = new ByteArrayOutputStream();
    try {
      tts.speak(
          new SpeechEngine.Request(text, voice, 1.0),
          s -> pcm.writeBytes(WavWriter.littleEndian(s)));
    } catch (IllegalArgumentException e) {
      throw ServeException.invalid(e.getMessage());
    }
    byte[] data = pcm.toByteArray();
    var wav = new ByteArrayOutputStream();
    wav.writeBytes(WavWriter.header(tts.sampleRate(), data.length));
    wav.writeBytes(data);
    return Base64.getEncoder().encodeToString(wav.toByteArray());
  }
}
