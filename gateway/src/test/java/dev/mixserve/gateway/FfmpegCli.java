package dev.mixserve.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ffmpeg and ffprobe programs (Debian package ffmpeg, which .ci/deps installs) as an outside
 * judge of what the server encodes and a maker of upload fixtures, so that neither side of a test
 * is the server's own FFmpeg.
 */
final class FfmpegCli {
  private FfmpegCli() {}

  static boolean installed() {
    try {
      return new ProcessBuilder("ffprobe", "-version").start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Converts {@code in} to {@code out} with the given output options; the output's bytes. */
  static byte[] convert(Path in, Path out, String... options) throws Exception {
    var cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", in.toString()));
    cmd.addAll(List.of(options));
    cmd.add(out.toString());
    run(cmd);
    return Files.readAllBytes(out);
  }

  /** ffprobe's view of a file: {"streams": [...], "format": {...}}. */
  static JsonNode probe(byte[] bytes, Path dir) throws Exception {
    Path f = Files.createTempFile(dir, "probe", ".bin");
    Files.write(f, bytes);
    String json =
        run(
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-show_streams",
                "-show_format",
                "-of",
                "json",
                f.toString()));
    return new ObjectMapper().readTree(json);
  }

  /** Decodes to raw 16 kHz mono s16le and counts the seconds, as a player would. */
  static double decodedSeconds(byte[] bytes, Path dir) throws Exception {
    Path f = Files.createTempFile(dir, "decode", ".bin");
    Path raw = Files.createTempFile(dir, "decode", ".raw");
    Files.write(f, bytes);
    run(
        List.of(
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-i",
            f.toString(),
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            "16000",
            raw.toString()));
    return Files.size(raw) / 2 / 16_000.0;
  }

  private static String run(List<String> cmd) throws Exception {
    var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }
}
