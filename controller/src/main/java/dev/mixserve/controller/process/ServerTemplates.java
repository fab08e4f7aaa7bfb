package dev.mixserve.controller.process;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.engine.ModelFetcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line and readiness path of each engine kind that names a server of its own. Every
 * server listens on {host}:{port}; the placement's device variables and memory flags come from the
 * launch hints, appended after these arguments.
 */
final class ServerTemplates {
  /** Engine kinds that name a server of their own, not an engine of this JVM. */
  static final Set<String> KINDS =
      Set.of("vllm", "llama-server", "whisper", "whisper-server", "xtts", "tei", "openai-server");

  private static final List<String> LISTEN = List.of("--host", "{host}", "--port", "{port}");

  private final ModelFetcher files;

  /**
   * @param files makes engine.model a local file for servers that load only files (whisper.cpp)
   */
  ServerTemplates(ModelFetcher files) {
    this.files = files;
  }

  /** The path that answers 2xx once {@code kind}'s server takes requests; null if it has none. */
  static String readyPath(String kind) {
    return switch (kind) {
      // vLLM and TEI listen once the model is loaded; whisper.cpp's answers 503 while it loads.
      case "vllm", "llama-server", "whisper", "whisper-server", "tei" -> "/health";
      // tts-server loads its model before it listens and has no health route: its cheapest page.
      case "xtts" -> "/locales";
      case "openai-server" -> "/v1/models";
      default -> null;
    };
  }

  /**
   * The server's command line, placeholders left in; empty for openai-server, which has none of its
   * own. Throws IllegalArgumentException for a model the server cannot load, and whatever the
   * fetcher throws when a model file cannot be had.
   */
  List<String> argv(Deployment d) {
    return switch (d.engine().kind()) {
      case "vllm" -> join(List.of("vllm", "serve", "{model}"), LISTEN, servedNames(d));
      case "llama-server" -> join(List.of("llama-server", "-m", "{model}"), LISTEN);
      case "whisper", "whisper-server" ->
          join(
              List.of("whisper-server", "-m", ggml(d)),
              LISTEN,
              List.of("--inference-path", "/v1/audio/transcriptions"));
      case "xtts" -> xtts(d);
      case "tei" ->
          List.of(
              "text-embeddings-router",
              "--model-id",
              "{model}",
              "--hostname",
              "{host}",
              "--port",
              "{port}");
      case "openai-server" -> List.of();
      default -> throw new IllegalArgumentException("no server of its own: " + d.engine().kind());
    };
  }

  /**
   * vLLM answers only to the names it serves: every name the gateway routes to this deployment by
   * ({@code model} in a request may be any of them), the deployment's own first, which vLLM then
   * writes in its answers.
   */
  private static List<String> servedNames(Deployment d) {
    var names = new LinkedHashSet<String>();
    names.add(d.name());
    if (!d.engine().model().isBlank()) {
      names.add(d.engine().model());
    }
    names.addAll(d.modelNames());
    var out = new ArrayList<String>();
    out.add("--served-model-name");
    out.addAll(names);
    return out;
  }

  private String ggml(Deployment d) {
    return files.fetch(WhisperFiles.reference(d.engine().model())).toString();
  }

  /**
   * Coqui's tts-server has no host option (it listens on every address) and takes the language and
   * the speaker of requests that name none from its command line.
   */
  private static List<String> xtts(Deployment d) {
    var o = d.engine().options();
    return join(
        List.of("tts-server"),
        XttsModels.args(d.engine().model()),
        List.of(
            "--port",
            "{port}",
            "--speaker_idx",
            String.valueOf(o.getOrDefault("voice", XttsModels.VOICE)),
            "--language_idx",
            String.valueOf(o.getOrDefault("language", "en"))));
  }

  @SafeVarargs
  private static List<String> join(List<String>... parts) {
    var all = new ArrayList<String>();
    for (var p : parts) {
      all.addAll(p);
    }
    return all;
  }
}
