package dev.mixserve.bench.audio;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.api.engine.TranscriptionEngine;
import dev.mixserve.api.engine.TranscriptionEngine.Options;
import dev.mixserve.audio.WavReader;
import dev.mixserve.audio.WordErrorRate;
import dev.mixserve.bench.common.BenchArgs;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Speech engines through HTTP against the same engine instances called directly, in one run on one
 * machine: WER per clip, real-time factor (processing time / audio time) both ways, and the HTTP
 * overhead ratio; then per speech engine and output format the encoding's share of the synthesis
 * and what HTTP adds above the bare-socket floor ({@link FormatRows}), and per upload format the
 * decoding's share of the transcription ({@link DecodeRows}). Direct and HTTP runs alternate so
 * that load from elsewhere hits both alike.
 *
 * <p>Usage: {@code java -jar bench/audio/target/bench.jar [SHARED_DIR] [REPEATS] [tts-only]}.
 */
public final class AudioBench {
  static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: 0}
      deployments:
        - {name: whisper, task: transcription, engine: {kind: pocketsphinx}, limits: {max_body: 64MiB}}
        - {name: freetts, task: speech, engine: {kind: freetts}}
        - {name: espeak, task: speech, engine: {kind: espeak-ng}}
      """;

  /**
   * The speech deployments again, served by Helidon alone (no front door on the port): the rows'
   * "front hop" is the difference, what the front door's loopback hop to Helidon costs.
   */
  static final String CONFIG_NO_FRONT =
      """
      server: {host: 127.0.0.1, port: 0, front: off}
      deployments:
        - {name: freetts, task: speech, engine: {kind: freetts}}
        - {name: espeak, task: speech, engine: {kind: espeak-ng}}
      """;

  static final List<String> SENTENCES =
      List.of(
          "The quick brown fox jumped over the lazy dog.",
          "A journey of a thousand miles begins with a single step, and every step counts.",
          "Speech synthesis turns written text into sound that people can understand.");

  static final int SHORT_WARM_UP = 3000;
  static final int WARM_UP = 20;

  private AudioBench() {}

  static final BenchArgs ARGS =
      new BenchArgs(
              "audio",
              "Speech to text (WER, RTF) and text to speech, each engine direct against HTTP.")
          .positional("SHARED", BenchArgs.Kind.TEXT, "../shared", "the shared models folder")
          .positional("REPEATS", BenchArgs.Kind.INTEGER, "3", "repeats of each row")
          .positional("tts-only", BenchArgs.Kind.TEXT, "", "give it to skip the STT rows");

  public static void main(String[] args) throws Exception {
    var a = ARGS.parseOrExit(args);
    Path shared = Path.of(a.text("SHARED"));
    int repeats = a.integer("REPEATS");
    String mode = a.text("tts-only");
    if (!mode.isEmpty() && !mode.equals("tts-only")) {
      System.err.println("error: expected tts-only or nothing after REPEATS, got '" + mode + "'");
      System.err.print(ARGS.usage());
      System.exit(2);
    }
    boolean sttToo = mode.isEmpty();
    var cfg = ConfigLoader.parse(CONFIG, "AudioBench");
    var context = new EngineContext(Path.of("target"), Map.of());
    try (var server = MixserveServer.start(cfg, EngineRegistry.discover(), context);
        var bare =
            MixserveServer.start(
                ConfigLoader.parse(CONFIG_NO_FRONT, "AudioBench"),
                EngineRegistry.discover(),
                context)) {
      server.loaded().get(120, TimeUnit.SECONDS);
      bare.loaded().get(120, TimeUnit.SECONDS);
      try (var http = new HttpClientSide(server.port());
          var noFront = new HttpClientSide(bare.port())) {
        run(server, http, noFront, shared, repeats, sttToo);
      }
    }
    System.exit(0); // FreeTTS and ONNX Runtime leave non-daemon threads behind
  }

  static void run(
      MixserveServer server,
      HttpClientSide http,
      HttpClientSide noFront,
      Path shared,
      int repeats,
      boolean sttToo)
      throws Exception {
    System.out.printf("%nSTT pocketsphinx (repeats %d)%n", repeats);
    var stt = (TranscriptionEngine) runtime(server, "whisper").engine();
    var sttRows = new Totals();
    if (sttToo) {
      for (Clip clip : Clip.all(shared)) {
        sttRows.add(sttRow(clip, stt, http, repeats));
      }
      sttRows.print("pocketsphinx");
    }
    var freetts = (SpeechEngine) runtime(server, "freetts").engine();
    warmUp("freetts", freetts, http, SHORT_WARM_UP, "Hi.");
    try (var floor = new LoopbackFloor();
        var helidon = new HelidonFloor()) {
      for (String tts : List.of("freetts", "espeak")) {
        var engine = (SpeechEngine) runtime(server, tts).engine();
        var totals = new Totals();
        System.out.printf("%nTTS %s (repeats %d)%n", tts, repeats);
        warmUp(tts, engine, http, WARM_UP, SENTENCES.getFirst());
        for (String s : SENTENCES) {
          totals.add(ttsRow(tts, engine, s, http, floor, repeats));
        }
        totals.print(tts);
        warmUp(tts, engine, noFront, tts.equals("freetts") ? SHORT_WARM_UP : WARM_UP, "Hi.");
        FormatRows.print(tts, engine, http, noFront, floor, helidon, repeats);
      }
    }
    // last: it idles the keep-alive connection longer than the server keeps it open
    DecodeRows.print(stt, Clip.all(shared), repeats); // what upload formats add, tts-only too
  }

  /**
   * Untimed rounds both ways first. A server runs its per-request code (HTTP parsing, routing,
   * JSON, chunked writes) thousands of times before it is compiled; timed after a few requests,
   * that code ran interpreted and cost ~1 ms a request more than when warm, most of FreeTTS's own
   * time. The short requests warm the path every speech deployment shares; the full ones warm the
   * engine.
   */
  static void warmUp(String name, SpeechEngine e, HttpClientSide http, int rounds, String text)
      throws Exception {
    byte[] json = HttpClientSide.speech(text);
    for (int i = 0; i < rounds; i++) {
      e.speak(new SpeechEngine.Request(text, null, 1.0), s -> {});
      http.speak("/" + name + "/v1/audio/speech", json);
    }
  }

  static dev.mixserve.core.runtime.DeploymentRuntime runtime(MixserveServer s, String name) {
    return s.runtimes().stream()
        .filter(r -> r.deployment().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static Totals.Row sttRow(Clip clip, TranscriptionEngine stt, HttpClientSide http, int repeats)
      throws Exception {
    float[] pcm = WavReader.read(clip.wav()).monoAt(16_000);
    double seconds = pcm.length / 16_000.0;
    double direct = Double.MAX_VALUE;
    double viaHttp = Double.MAX_VALUE;
    String textDirect = "";
    String textHttp = "";
    byte[] form = HttpClientSide.form(clip.wav());
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      textDirect = stt.transcribe(pcm, Options.DEFAULT).text();
      long t1 = System.nanoTime();
      textHttp = http.transcribe("/whisper/v1/audio/transcriptions", form);
      long t2 = System.nanoTime();
      direct = Math.min(direct, (t1 - t0) / 1e9);
      viaHttp = Math.min(viaHttp, (t2 - t1) / 1e9);
    }
    double wer = WordErrorRate.of(clip.transcript(), textDirect);
    System.out.printf(
        "  %-6s %5.2f s audio  WER %.3f (http %.3f)  RTF direct %.3f  http %.3f  overhead %+.1f%%%n",
        clip.name(),
        seconds,
        wer,
        WordErrorRate.of(clip.transcript(), textHttp),
        direct / seconds,
        viaHttp / seconds,
        100 * (viaHttp / direct - 1));
    return new Totals.Row(
        seconds,
        direct,
        viaHttp,
        wer * WordErrorRate.words(clip.transcript()).size(),
        WordErrorRate.words(clip.transcript()).size());
  }

  static Totals.Row ttsRow(
      String name,
      SpeechEngine e,
      String text,
      HttpClientSide http,
      LoopbackFloor floor,
      int repeats)
      throws Exception {
    double direct = Double.MAX_VALUE;
    double viaHttp = Double.MAX_VALUE;
    double seconds = 0;
    int wavBytes = 0;
    byte[] json = HttpClientSide.speech(text);
    for (int i = 0; i < repeats; i++) {
      long[] samples = {0};
      long t0 = System.nanoTime();
      e.speak(new SpeechEngine.Request(text, null, 1.0), s -> samples[0] += s.length);
      long t1 = System.nanoTime();
      byte[] wav = http.speak("/" + name + "/v1/audio/speech", json);
      long t2 = System.nanoTime();
      seconds = samples[0] / (double) e.sampleRate();
      direct = Math.min(direct, (t1 - t0) / 1e9);
      viaHttp = Math.min(viaHttp, (t2 - t1) / 1e9);
      if (WavReader.read(wav).frames() != samples[0]) {
        throw new IllegalStateException("HTTP audio differs in length from the direct call");
      }
      wavBytes = wav.length;
    }
    double moved = floor.best(wavBytes, json, repeats);
    System.out.printf(
        "  %5.2f s audio  RTF direct %.4f  http %.4f  overhead %+.1f%%  (moving its %d KB over"
            + " a bare socket: %+.1f%%)  \"%s\"%n",
        seconds,
        direct / seconds,
        viaHttp / seconds,
        100 * (viaHttp / direct - 1),
        wavBytes / 1000,
        100 * moved / direct,
        text.substring(0, Math.min(30, text.length())));
    return new Totals.Row(seconds, direct, viaHttp, 0, 0, moved);
  }

  /** A fixture clip with its transcript. */
  record Clip(String name, byte[] wav, String transcript) {
    static List<Clip> all(Path shared) throws Exception {
      var out = new java.util.ArrayList<Clip>();
      Path dir = shared.resolve("models/audio/librivox");
      for (String id : List.of("0870", "0880", "0890", "0920", "0930")) {
        String base = "sense_and_sensibility_01_austen_64kb-" + id;
        out.add(
            new Clip(
                id,
                Files.readAllBytes(dir.resolve(base + ".wav")),
                Files.readString(dir.resolve(base + ".txt")).strip()));
      }
      out.add(
          new Clip(
              "jfk",
              Files.readAllBytes(shared.resolve("models/audio/jfk.wav")),
              "And so my fellow Americans, ask not what your country can do for you, ask what you"
                  + " can do for your country."));
      return out;
    }
  }
}
