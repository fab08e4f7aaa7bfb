package dev.mixserve.engine.audio;

import dev.mixserve.api.engine.SpeechEngine.Voice;
import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads {@code espeak-ng --voices}: "Pty Language Age/Gender VoiceName File ...". A voice is named
 * by its language code, which is what {@code -v} takes; variants such as {@code en-us+f3} are
 * accepted too. en-us comes first so it is the default.
 */
final class EspeakVoices {
  private static final String[] VARIANTS = {"m1", "m2", "m3", "m7", "f1", "f2", "f3", "f4"};

  private EspeakVoices() {}

  static List<Voice> list(String binary) {
    Process p = EspeakEngine.start(List.of(binary, "--voices"));
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return parse(out);
    } catch (IOException e) {
      throw ServeException.unavailable("cannot list espeak-ng voices: " + e.getMessage(), 3600);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServeException.unavailable("interrupted while listing espeak-ng voices", 60);
    }
  }

  static List<Voice> parse(String table) {
    var byName = new LinkedHashMap<String, Voice>();
    for (String line : table.lines().skip(1).toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 4) {
        String gender = f[2].endsWith("/F") ? "female" : f[2].endsWith("/M") ? "male" : "";
        byName.putIfAbsent(f[1], new Voice(f[1], f[1], gender));
      }
    }
    if (!byName.containsKey("en-us")) {
      throw ServeException.unavailable(
          "espeak-ng has no en-us voice; is espeak-ng-data installed?", 3600);
    }
    var voices = new ArrayList<Voice>();
    voices.add(byName.remove("en-us"));
    for (String lang : List.of("en-us", "en-gb")) {
      for (String v : VARIANTS) {
        voices.add(new Voice(lang + "+" + v, lang, v.startsWith("f") ? "female" : "male"));
      }
    }
    voices.addAll(byName.values());
    return voices;
  }
}
