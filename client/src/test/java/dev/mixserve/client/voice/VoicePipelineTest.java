package dev.mixserve.client.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.Target;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The voice pipeline against fake stages: order, streaming into /tts, joined audio, timings. */
class VoicePipelineTest {
  private static final byte[] QUESTION = new WavClip(WavClipTest.fmt16k(), new byte[320]).bytes();

  @Test
  void sentencesAreSpokenWhileTheAnswerIsWrittenAndJoinedInOrder() {
    try (var fake = new FakeVoiceServer();
        var client = MixserveClient.of(fake.url())) {
      var stages =
          new VoicePipeline.Stages(
              Target.route("/whisper"), Target.route("/llm"), Target.route("/tts"), null, null, 32);
      var result = new VoicePipeline(client, stages).run(QUESTION, t -> {}, p -> {});
      assertThat(result.transcript()).isEqualTo("what did the cat do");
      assertThat(result.answer()).isEqualTo("The cat sat down. Then it slept.");
      // the fake held "Then it" back until the first sentence reached /tts: streaming happened
      assertThat(fake.overlapped).isTrue();
      assertThat(fake.spoken).containsExactly("The cat sat down.", "Then it slept.");
      assertThat(new String(result.audio().data(), StandardCharsets.UTF_8))
          .isEqualTo("The cat sat down.Then it slept.");
      assertThat(result.timings().sentences()).isEqualTo(2);
      assertThat(result.timings().firstAudio()).isLessThanOrEqualTo(result.timings().total());
    }
  }
}
