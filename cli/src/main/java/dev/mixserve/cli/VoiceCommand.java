package dev.mixserve.cli;

import dev.mixserve.cli.chat.ExitCodes;
import dev.mixserve.cli.chat.Preflight;
import dev.mixserve.cli.voice.VadModel;
import dev.mixserve.cli.voice.VoiceTurn;
import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.MixserveException;
import dev.mixserve.client.Target;
import dev.mixserve.client.voice.VoicePipeline;
import dev.mixserve.client.voice.WavClip;
import dev.mixserve.core.download.Downloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The voice handler: WAV question in, spoken answer out, through /whisper, /llm and /tts. */
@Command(
    name = "voice",
    description = "Answer a spoken question: transcribe (/whisper), answer (/llm), speak (/tts).",
    footer = {
      "",
      "Exit codes: 0 ok, 1 server error, 2 usage, 3 server unreachable, 4 route missing, 5 bad or",
      "empty audio (no such file), 6 missing model (--listen: the Silero VAD; give it with",
      "MIXSERVE_VAD_MODEL=PATH)."
    })
final class VoiceCommand implements Callable<Integer> {
  @Mixin ClientOptionsMixin server;

  @Option(names = "--in", paramLabel = "WAV", description = "The question, a WAV file.")
  Path in;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "WAV",
      description = "Where the spoken answer goes (with --listen: NAME-1.wav, NAME-2.wav, ...).")
  Path out;

  @Option(
      names = "--listen",
      description =
          "Live loop: 16 kHz mono S16_LE audio on standard input (arecord -f S16_LE -r 16000 -c 1"
              + " -t raw), cut into questions by the Silero VAD.")
  boolean listen;

  @Option(
      names = "--stt-route",
      defaultValue = "/whisper",
      description = "Default ${DEFAULT-VALUE}.")
  String stt;

  @Option(names = "--llm-route", defaultValue = "/llm", description = "Default ${DEFAULT-VALUE}.")
  String llm;

  @Option(names = "--tts-route", defaultValue = "/tts", description = "Default ${DEFAULT-VALUE}.")
  String tts;

  @Option(
      names = "--voice",
      paramLabel = "NAME",
      description = "TTS voice (default: the server's).")
  String voice;

  @Option(names = "--system", paramLabel = "TEXT", description = "System prompt for the answer.")
  String system;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      defaultValue = "64",
      description = "Longest answer (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Override
  public Integer call() {
    if (listen == (in != null)) {
      System.err.println("error: give either --in WAV or --listen");
      return ExitCodes.USAGE;
    }
    try (var client = new MixserveClient(server.options());
        var vad = listen ? VadModel.open(Downloader.fromEnvironment(Paths.cache())) : null) {
      byte[] wav = listen ? null : question();
      var stages =
          new VoicePipeline.Stages(
              Target.route(stt), Target.route(llm), Target.route(tts), voice, system, maxTokens);
      Preflight.require(client, stages.stt(), "transcription", server.url);
      Preflight.require(client, stages.llm(), "chat", server.url);
      Preflight.require(client, stages.tts(), "speech", server.url);
      var pipeline = new VoicePipeline(client, stages);
      if (listen) {
        VoiceTurn.listen(pipeline, vad, System.in, out, System.out);
      } else {
        VoiceTurn.answer(pipeline, wav, out, "", System.out);
      }
      return ExitCodes.OK;
    } catch (VadModel.Missing e) {
      System.err.println("error: " + e.getMessage());
      return ExitCodes.MISSING_MODEL;
    } catch (MixserveException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCodes.of(e);
    } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
  }

  private byte[] question() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(in);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException("no such file: " + in, e);
    } catch (IOException e) {
      throw new IOException("cannot read " + in + ": " + e, e);
    }
    WavClip clip;
    try {
      clip = WavClip.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(in + ": " + e.getMessage(), e);
    }
    if (clip.data().length == 0) {
      throw new IllegalArgumentException(in + " holds no audio (empty WAV)");
    }
    return bytes;
  }
}
