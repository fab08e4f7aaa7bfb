package dev.mixserve.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads rendered YAML back as the cluster's clients would: fabric8, and kubectl offline. */
final class Decoded {
  static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  private Decoded() {}

  /**
   * Each document through fabric8's own deserializer, which picks the model class from apiVersion
   * and kind: a document that comes back generic names a kind fabric8 does not know.
   */
  static List<HasMetadata> parse(String yaml) {
    var out = new ArrayList<HasMetadata>();
    for (String doc : documents(yaml)) {
      Object o = Serialization.unmarshal(doc);
      assertThat(o).as(doc).isInstanceOf(HasMetadata.class);
      assertThat(o).as(doc).isNotInstanceOf(GenericKubernetesResource.class);
      out.add((HasMetadata) o);
    }
    return out;
  }

  static List<String> documents(String yaml) {
    assertThat(yaml).startsWith("---\n");
    return Arrays.stream(yaml.substring(4).split("\n---\n")).toList();
  }

  /** True when kubectl is here; outside CI a missing one skips, in CI it fails. */
  static boolean kubectl() {
    if (Files.isExecutable(KUBECTL)) {
      return true;
    }
    assertThat(System.getenv("CI")).as("CI needs kubectl at " + KUBECTL).isNotEqualTo("true");
    return false;
  }

  /**
   * {@code kubectl label --local -f FILE}: decodes every object with kubectl's own scheme and
   * writes it back, with no API server. Returns what it wrote; fails on a non-zero exit.
   */
  static String kubectlDecode(String yaml) throws IOException, InterruptedException {
    Path file = Files.createTempFile("mixserve-k8s", ".yaml");
    try {
      Files.writeString(file, yaml);
      Process p =
          new ProcessBuilder(
                  KUBECTL.toString(),
                  "label",
                  "--local",
                  "-f",
                  file.toString(),
                  "decoded=yes",
                  "-o",
                  "yaml")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as(out).isZero();
      return out;
    } finally {
      Files.delete(file);
    }
  }
}
