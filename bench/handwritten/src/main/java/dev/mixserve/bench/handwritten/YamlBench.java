package dev.mixserve.bench.handwritten;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * YAML positions: the config module (snakeyaml-engine nodes walked by Doc, every error with
 * file:line and the document path) against Jackson YAML binding the same document into records with
 * the same checks. Cost warm and in a fresh JVM (a config is read once at start and on reload), and
 * the message each gives for the same mistakes.
 */
final class YamlBench {
  private YamlBench() {}

  static void run(Measure m) throws Exception {
    String def = ConfigLoader.defaultText();
    Path homelab = Path.of("examples/homelab.yaml");
    if (!Files.exists(homelab)) {
      homelab = Path.of(System.getProperty("mixserve.root", "."), "examples/homelab.yaml");
    }
    String lab = Files.readString(homelab);
    for (var doc : List.of(List.of("default config", def), List.of("examples/homelab.yaml", lab))) {
      String text = doc.get(1);
      JacksonConfig.parse(text); // both must accept it
      var pair =
          m.compare(
              "ours",
              () -> ConfigLoader.parse(text, "x.yaml"),
              "jackson",
              () -> JacksonConfig.parse(text));
      System.out.println(pair.row(doc.get(0) + " (" + text.length() + " chars)", 0));
      var tree =
          m.compare(
              "ours", () -> ConfigLoader.parse(text, "x.yaml"), "jack-tree", () -> readTree(text));
      System.out.println(tree.row("  Jackson readTree only (no binding)", 0));
    }
    cold(homelab, m.rounds);
    errors(lab);
    jars();
  }

  private static JsonNode readTree(String text) {
    try {
      return JacksonConfig.MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * First parse in a fresh JVM, class loading included; the children alternate. Twice: in a bare
   * JVM, and after Jackson has read some JSON (the server loads databind for its protocols anyway,
   * so the config's share of the start is what comes on top of that).
   */
  private static void cold(Path file, int rounds) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    String[] modes = {"ours", "jackson", "ours+json", "jackson+json"};
    var times = new ArrayList<List<Double>>();
    for (int i = 0; i < modes.length; i++) {
      times.add(new ArrayList<>());
    }
    var classes = new long[modes.length];
    int n = Math.min(rounds, 5);
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < modes.length; k++) {
        int which = r % 2 == 0 ? k : modes.length - 1 - k;
        var p =
            new ProcessBuilder(
                    java, "-cp", cp, YamlBench.class.getName(), modes[which], file.toString())
                .redirectErrorStream(true)
                .start();
        String out;
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
          out = in.readLine();
        }
        p.waitFor();
        String[] f = out.split(" ");
        times.get(which).add(Double.parseDouble(f[0]));
        classes[which] = Long.parseLong(f[1]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "first parse of homelab.yaml in a fresh JVM (median of %d each, class loading"
            + " included):%n  bare JVM: ours %.1f ms, jackson %.1f ms = %.2fx (classes loaded"
            + " in all: %d, %d)%n  Jackson databind already loaded by some JSON: ours %.1f ms,"
            + " jackson %.1f ms = %.2fx (classes: %d, %d)%n",
        n,
        median(times.get(0)),
        median(times.get(1)),
        median(times.get(1)) / median(times.get(0)),
        classes[0],
        classes[1],
        median(times.get(2)),
        median(times.get(3)),
        median(times.get(3)) / median(times.get(2)),
        classes[2],
        classes[3]);
  }

  /**
   * Child: {@code ours|jackson[+json] FILE}: prints ms for the first parse and classes loaded; with
   * +json, Jackson reads a small JSON document first, untimed.
   */
  public static void main(String[] args) throws Exception {
    String text = Files.readString(Path.of(args[1]));
    if (args[0].endsWith("+json")) {
      sink = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"a\":[1,2.5,\"x\"]}");
    }
    long start = System.nanoTime();
    if (args[0].startsWith("ours")) {
      ConfigLoader.parse(text, args[1]);
    } else {
      JacksonConfig.parse(text);
    }
    double ms = (System.nanoTime() - start) / 1e6;
    System.out.println(
        ms + " " + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
  }

  static volatile Object sink;

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    return Measure.median(a);
  }

  private record Mistake(String what, UnaryOperator<String> edit) {}

  private static void errors(String lab) {
    System.out.println();
    System.out.println(
        "the same mistakes in homelab.yaml, the message each gives (line: where the mistake is):");
    var mistakes =
        List.of(
            new Mistake(
                "unknown key",
                t ->
                    t.replace(
                        "resources: {gpu: 0.5}\n    placement: {node: elminster",
                        "resources: {gpux: 0.5}\n    placement: {node: elminster")),
            new Mistake("wrong type", t -> t.replace("port: 8000", "port: eighty")),
            new Mistake("out of range", t -> t.replace("port: 8000", "port: 70000")),
            new Mistake("missing required key", t -> t.replace("    task: transcription\n", "")),
            new Mistake(
                "duplicate key",
                t -> t.replace("    route: /tts\n", "    route: /tts\n    route: /speech\n")),
            new Mistake("bad quantity (8 gigs)", t -> t.replace("memory: 8GiB", "memory: 8 gigs")),
            new Mistake(
                "bad value in a list item", t -> t.replaceFirst("task: chat", "task: chatting")),
            new Mistake(
                "front: on (YAML 1.1 boolean)", t -> t.replace("front: auto ", "front: on   ")),
            new Mistake(
                "not YAML (bad indent)",
                t ->
                    t.replace(
                        "        unified: true\n  - name: elminster",
                        "        unified: true\n   - name: elminster")));
    for (var mk : mistakes) {
      String text = mk.edit().apply(lab);
      if (text.equals(lab)) {
        throw new IllegalStateException("the edit for '" + mk.what() + "' changed nothing");
      }
      String ours;
      try {
        ConfigLoader.parse(text, "homelab.yaml");
        ours = "accepted";
      } catch (RuntimeException e) {
        ours = e.getMessage();
      }
      String jackson;
      try {
        JacksonConfig.parse(text);
        jackson = "accepted";
      } catch (RuntimeException e) {
        jackson = JacksonConfig.message("homelab.yaml", e);
      }
      System.out.printf(
          "  %s (edit at line %d)%n    ours:    %s%n    jackson: %s%n",
          mk.what(), firstDiff(lab, text), ours, oneLine(jackson));
    }
  }

  private static int firstDiff(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) {
        return i + 1;
      }
    }
    return Math.min(x.length, y.length) + 1;
  }

  private static String oneLine(String s) {
    String t = s.replace('\n', ' ');
    return t.length() > 400 ? t.substring(0, 400) + "…" : t;
  }

  /** The class path's jars, those named by a bench jar's manifest (its lib/) included. */
  static List<File> classPath() {
    var out = new ArrayList<File>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      var f = new File(entry);
      out.add(f);
      File lib = new File(f.getAbsoluteFile().getParentFile(), "lib");
      if (f.getName().equals("bench.jar") && lib.isDirectory()) {
        for (File j : lib.listFiles()) {
          out.add(j);
        }
      }
    }
    return out;
  }

  /** What the config module would carry: its YAML jar now, and Jackson's beside it. */
  private static void jars() {
    System.out.println();
    var sizes = new StringBuilder("jars on the class path:");
    for (File jar : classPath()) {
      String name = jar.getName();
      if (name.startsWith("snakeyaml") || name.startsWith("jackson-")) {
        sizes.append(String.format(Locale.ROOT, " %s %d KiB;", name, jar.length() >> 10));
      }
    }
    System.out.println(sizes);
  }
}
