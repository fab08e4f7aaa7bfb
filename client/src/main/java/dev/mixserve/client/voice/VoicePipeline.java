package dev.mixserve.client.voice;

import dev.mixserve.client.ChatMessage;
import dev.mixserve.client.ChatRequest;
import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.Target;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The voice handler: a WAV question is transcribed by /whisper, answered by /llm (streamed), and
 * each finished sentence of the answer is spoken by /tts while the model writes the next.
 */
public final class VoicePipeline {
  /** Where each stage runs and how the answer is asked for. */
  public record Stages(
      Target stt, Target llm, Target tts, String voice, String system, Integer maxTokens) {}

  /** What came of one question. */
  public record Result(String transcript, String answer, WavClip audio, VoiceTimings timings) {}

  private final MixserveClient client;
  private final Stages stages;

  public VoicePipeline(MixserveClient client, Stages stages) {
    this.client = client;
    this.stages = stages;
  }

  /** Runs the three stages; {@code onTranscript} and {@code onText} see the text as it comes. */
  public Result run(byte[] wav, Consumer<String> onTranscript, Consumer<String> onText) {
    long t0 = System.nanoTime();
    String transcript = client.transcribe(stages.stt(), wav, "question.wav").strip();
    if (transcript.isEmpty()) {
      throw new IllegalArgumentException("no words were heard in the audio");
    }
    onTranscript.accept(transcript);
    long t1 = System.nanoTime();
    var firstToken = new AtomicLong();
    try (var speaker = new Speaker(client, stages.tts(), stages.voice(), t0)) {
      var sentences = new Sentences(speaker::say);
      var stream =
          client.chatStream(
              stages.llm(),
              request(transcript),
              piece -> {
                firstToken.compareAndSet(0, System.nanoTime() - t1);
                sentences.feed(piece);
                onText.accept(piece);
              });
      var answer = stream.await();
      sentences.finish();
      long t2 = System.nanoTime();
      WavClip audio = speaker.join();
      long t3 = System.nanoTime();
      var timings =
          new VoiceTimings(
              ms(t1 - t0),
              ms(firstToken.get()),
              ms(t2 - t1),
              ms(speaker.firstAudioNanos()),
              ms(speaker.busyNanos()),
              speaker.sentences(),
              ms(t3 - t0));
      return new Result(transcript, answer.text().strip(), audio, timings);
    }
  }

  private ChatRequest request(String transcript) {
    var messages = new ArrayList<ChatMessage>();
    if (stages.system() != null) {
      messages.add(ChatMessage.system(stages.system()));
    }
    messages.add(ChatMessage.user(transcript));
    return new ChatRequest(messages, stages.maxTokens(), null, null);
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
