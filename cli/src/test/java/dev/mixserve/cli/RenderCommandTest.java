package dev.mixserve.cli;

import static dev.mixserve.cli.PlanCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.k8s.RenderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixserve render k8s}: its options reach the objects; the default image is the build's. */
class RenderCommandTest {
  @TempDir Path dir;

  @Test
  void optionsReachTheObjects() throws Exception {
    Path out = dir.resolve("k8s.yaml");
    var r =
        run(
            "render",
            "k8s",
            "../examples/homelab.yaml",
            "--namespace",
            "inference",
            "--image",
            "registry.lan/mixserve:1",
            "--dra",
            "-o",
            out.toString());
    assertThat(r.code()).isZero();
    String yaml = Files.readString(out);
    assertThat(yaml)
        .contains("namespace: inference", "image: registry.lan/mixserve:1")
        .contains("kind: ResourceClaim", "resourceClaimName: mixserve-gpu-elminster-0")
        .contains("http://mixserve-worker-danilo.inference.svc.cluster.local:8000")
        .doesNotContain(
            "nvidia.com/gpu: 1"); // no device-plugin resource; the taint toleration stays
  }

  @Test
  void theDefaultImageIsTheOneTheImageProfileBuilds() throws Exception {
    Path out = dir.resolve("k8s.yaml");
    assertThat(run("render", "k8s", "../examples/homelab.yaml", "-o", out.toString()).code())
        .isZero();
    assertThat(RenderOptions.defaultImage()).matches("mixserve:\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(Files.readString(out))
        .contains("image: " + RenderOptions.defaultImage(), "namespace: mixserve");
  }

  @Test
  void theBuiltInConfigIsOnePodTheHead() throws Exception {
    Path out = dir.resolve("k8s.yaml");
    assertThat(run("render", "k8s", "-o", out.toString()).code()).isZero();
    assertThat(Files.readString(out))
        .contains("name: mixserve-head")
        .doesNotContain("mixserve-worker");
  }

  @Test
  void refusesWhatItCannotRender() {
    assertThat(run("render", "helm", "../examples/homelab.yaml").code()).isEqualTo(2);
    assertThat(run("render", "k8s", "../examples/homelab.yaml", "--namespace", "Bad_NS").code())
        .isEqualTo(2);
  }
}
