package dev.mixserve.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mixserve.config.ConfigLoader;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KServeManifestsTest {
  static final String CONFIG =
      """
      server: {alias_namespace: ai-ml}
      deployments:
        - {name: llm, task: chat, engine: {kind: echo}}
        - {name: whisper, task: transcription, engine: {kind: echo}}
        - {name: tts, task: speech, engine: {kind: echo}}
        - {name: embeddings, task: embedding, engine: {kind: echo}, aliases: [bge.search.svc.cluster.local]}
        - {name: reranker, task: rerank, engine: {kind: echo}}
      """;

  static List<Service> parseBack(String yaml) throws Exception {
    var mapper = new ObjectMapper(new YAMLFactory());
    var out = new ArrayList<Service>();
    var parser = new YAMLFactory().createParser(yaml);
    var it = mapper.readValues(parser, Service.class);
    while (it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void everyAliasIsAnExternalNameToTheEndpoint() throws Exception {
    String yaml =
        KServeManifests.yaml(
            KServeManifests.services(ConfigLoader.parse(CONFIG, "t"), "inference"));
    var services = parseBack(yaml);
    assertThat(services.getFirst().getMetadata().getName()).isEqualTo("ai-inference-serve-svc");
    assertThat(services.getFirst().getSpec().getPorts())
        .extracting(p -> p.getPort())
        .contains(8000);
    var aliases = services.subList(1, services.size());
    assertThat(aliases)
        .extracting(s -> s.getMetadata().getName() + "." + s.getMetadata().getNamespace())
        .containsExactly(
            "llm-predictor.ai-ml",
            "whisper-predictor.ai-ml",
            "tts-predictor.ai-ml",
            "embeddings-predictor.ai-ml",
            "bge.search",
            "reranker-predictor.ai-ml");
    for (Service s : aliases) {
      assertThat(s.getSpec().getType()).isEqualTo("ExternalName");
      assertThat(s.getSpec().getExternalName())
          .isEqualTo("ai-inference-serve-svc.inference.svc.cluster.local");
    }
  }

  @Test
  void kubectlDecodesTheManifestsOffline() throws Exception {
    var kubectl = Path.of("/usr/bin/kubectl");
    if (!Files.isExecutable(kubectl)) {
      assertThat(System.getenv("CI")).as("CI needs kubectl").isNotEqualTo("true");
      assumeTrue(false, "kubectl not installed");
    }
    Path file = Files.createTempFile("mixserve", ".yaml");
    Files.writeString(
        file,
        KServeManifests.yaml(
            KServeManifests.services(ConfigLoader.parse(CONFIG, "t"), "inference")));
    Process p =
        new ProcessBuilder(
                kubectl.toString(),
                "label",
                "--local",
                "-f",
                file.toString(),
                "check=ok",
                "-o",
                "yaml")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out)
        .contains("check: ok")
        .contains("externalName: ai-inference-serve-svc.inference.svc.cluster.local");
  }
}
