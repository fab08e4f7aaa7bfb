package dev.mixserve.gateway;

import static dev.mixserve.gateway.AudioServer.postJson;
import static dev.mixserve.gateway.AudioServer.text;
import static dev.mixserve.gateway.AudioServer.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixserve.api.TestModels;
import dev.mixserve.audio.AudioDecoder;
import dev.mixserve.audio.PcmAudio;
import dev.mixserve.audio.WavReader;
import dev.mixserve.audio.WordErrorRate;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /tts and /whisper over HTTP on a real server with the CPU engines. */
public class AudioIT {
  static final String SENTENCE = "The quick brown fox jumped over the lazy dog.";
  static final ObjectMapper JSON = new ObjectMapper();
  static byte[] clip; // LibriVox 0880, 3 s: "he was not an ill disposed young man"

  @BeforeAll
  static void start() throws Exception {
    AudioServer.get();
    clip =
        Files.readAllBytes(
            TestModels.path("audio/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"));
  }

  static JsonNode json(HttpResponse<byte[]> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /**
   * /tts speaks (MP3, OpenAI's default), /whisper transcribes what it returned. Bounds as in the
   * engine tests (measured WER 0.0 for both, plus one word of slack): FreeTTS through open
   * dictation; espeak-ng, which PocketSphinx's open dictation cannot follow (WER ~0.9), through a
   * grammar of eight sentences.
   */
  @ParameterizedTest
  @CsvSource({"/tts,alloy,/whisper", "/espeak,nova,/whisper-grammar"})
  void roundTripThroughHttp(String tts, String voice, String stt) throws Exception {
    var speech =
        postJson(
            tts + "/v1/audio/speech",
            "{\"input\":\"" + SENTENCE + "\",\"voice\":\"" + voice + "\"}");
    assertThat(speech.statusCode()).isEqualTo(200);
    assertThat(speech.headers().firstValue("content-type")).hasValue("audio/mpeg");
    PcmAudio audio = AudioDecoder.decode(speech.body());
    assertThat(audio.seconds()).isGreaterThan(1.5);
    var r = upload(stt + "/v1/audio/transcriptions", speech.body(), "speech.mp3", "model", "x");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    String heard = json(r).get("text").asText();
    assertThat(WordErrorRate.of(SENTENCE, heard)).as(heard).isLessThanOrEqualTo(1 / 9.0 + 1e-9);
  }

  @Test
  void jsonAndTextFormats() throws Exception {
    var r = upload("/whisper/v1/audio/transcriptions", clip, "a.wav", "response_format", "json");
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
    String text = json(r).get("text").asText();
    assertThat(WordErrorRate.of("he was not an ill disposed young man", text)).isLessThan(0.6);
    var t = upload("/whisper/v1/audio/transcriptions", clip, "a.wav", "response_format", "text");
    assertThat(text(t).strip()).isEqualTo(text);
  }

  static final Pattern CUE =
      Pattern.compile(
          "(\\d\\d):(\\d\\d):(\\d\\d)[,.](\\d\\d\\d) --> (\\d\\d):(\\d\\d):(\\d\\d)[,.](\\d\\d\\d)");

  /** Start and end of every cue, in order; fails on a line that should be a cue and is not. */
  static List<double[]> cues(String body) {
    var out = new ArrayList<double[]>();
    var m = CUE.matcher(body);
    while (m.find()) {
      double a = seconds(m, 1);
      double b = seconds(m, 5);
      out.add(new double[] {a, b});
    }
    return out;
  }

  static double seconds(java.util.regex.Matcher m, int g) {
    return Integer.parseInt(m.group(g)) * 3600
        + Integer.parseInt(m.group(g + 1)) * 60
        + Integer.parseInt(m.group(g + 2))
        + Integer.parseInt(m.group(g + 3)) / 1000.0;
  }

  static void monotonic(List<double[]> cues) {
    assertThat(cues).isNotEmpty();
    for (int i = 0; i < cues.size(); i++) {
      assertThat(cues.get(i)[1]).isGreaterThanOrEqualTo(cues.get(i)[0]);
      if (i > 0) {
        assertThat(cues.get(i)[0]).isGreaterThanOrEqualTo(cues.get(i - 1)[1]);
      }
    }
  }

  @Test
  void srtAndVttParseWithMonotonicTimings() {
    var srt =
        text(upload("/whisper/v1/audio/transcriptions", clip, "a.wav", "response_format", "srt"));
    assertThat(srt).startsWith("1\n");
    monotonic(cues(srt));
    var vtt =
        text(upload("/whisper/v1/audio/transcriptions", clip, "a.wav", "response_format", "vtt"));
    assertThat(vtt).startsWith("WEBVTT\n\n");
    monotonic(cues(vtt));
    assertThat(cues(vtt).getLast()[1]).isLessThanOrEqualTo(3.1);
  }

  @Test
  void verboseJsonHasSegmentsAndWords() throws Exception {
    var r =
        upload(
            "/whisper/v1/audio/transcriptions",
            clip,
            "a.wav",
            "response_format",
            "verbose_json",
            "timestamp_granularities[]",
            "word",
            "timestamp_granularities[]",
            "segment");
    JsonNode v = json(r);
    assertThat(v.get("task").asText()).isEqualTo("transcribe");
    assertThat(v.get("duration").asDouble()).isBetween(2.9, 3.1);
    assertThat(v.get("segments")).isNotEmpty();
    assertThat(v.get("segments").get(0).get("text").asText()).isNotBlank();
    assertThat(v.get("words").size()).isGreaterThanOrEqualTo(4);
    double last = 0;
    for (JsonNode w : v.get("words")) {
      assertThat(w.get("start").asDouble()).isGreaterThanOrEqualTo(last);
      last = w.get("end").asDouble();
    }
  }

  @Test
  void streamSendsSegmentEventsThenDone() {
    var r = upload("/whisper/v1/audio/transcriptions", clip, "a.wav", "stream", "true");
    assertThat(r.headers().firstValue("content-type").orElseThrow())
        .startsWith("text/event-stream");
    String body = text(r);
    assertThat(body).contains("\"type\":\"transcript.text.delta\"");
    assertThat(body.strip()).endsWith("}").contains("\"type\":\"transcript.text.done\"");
  }

  @Test
  void rootDispatchByModelNameInTheForm() throws Exception {
    var r = upload("/v1/audio/transcriptions", clip, "a.wav", "model", "whisper-1");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(json(r).get("text").asText()).isNotBlank();
    var s =
        postJson(
            "/v1/audio/speech",
            "{\"model\":\"tts-1\",\"input\":\"hello\",\"response_format\":\"pcm\"}");
    assertThat(s.statusCode()).isEqualTo(200);
    assertThat(s.headers().firstValue("x-sample-rate")).hasValue("24000"); // OpenAI's pcm rate
    assertThat(s.body().length).isGreaterThan(24_000); // over half a second of s16le
    var wav =
        postJson(
            "/v1/audio/speech",
            "{\"model\":\"tts-1\",\"input\":\"hello\",\"response_format\":\"wav\"}");
    double wavSeconds = WavReader.read(wav.body()).seconds();
    assertThat(s.body().length / 2 / 24_000.0).isCloseTo(wavSeconds, within(0.01));
  }

  @Test
  void speechStreamsSseAndListsVoices() throws Exception {
    var s =
        postJson(
            "/espeak/v1/audio/speech",
            "{\"input\":\"One. Two. Three.\",\"stream_format\":\"sse\"}");
    assertThat(text(s)).contains("speech.audio.delta").contains("speech.audio.done");
    var voices =
        json(
            AudioServer.send(
                java.net.http.HttpRequest.newBuilder(AudioServer.uri("/espeak/v1/audio/voices"))
                    .build()));
    assertThat(voices.get("data").size()).isGreaterThan(20);
    assertThat(voices.get("sample_rate").asInt()).isEqualTo(22050);
  }

  @Test
  void metricsCountAudioAndRealTimeFactor() {
    postJson("/tts/v1/audio/speech", "{\"input\":\"metrics please\"}");
    String m =
        text(
            AudioServer.send(
                java.net.http.HttpRequest.newBuilder(AudioServer.uri("/metrics")).build()));
    assertThat(m)
        .contains("mixserve_audio_seconds_total{deployment=\"tts\",direction=\"out\"}")
        .contains("mixserve_audio_real_time_factor_bucket{deployment=\"tts\",engine=\"freetts\"")
        .contains("mixserve_tts_first_audio_seconds_count{deployment=\"tts\"}");
  }
}
