package dev.mixserve.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/** What the head's and the workers' pods share: the container, probes, volumes, security. */
final class Pods {
  /** The image's non-root user (cli/src/image/base.sh adds it); numeric so kubelet can check it. */
  static final long UID = 65532;

  static final String CACHE = "/var/cache/mixserve";

  private Pods() {}

  /**
   * The mixserve container. Liveness asks {@code /-/healthz}, which answers while models load, so a
   * long load is never killed; readiness asks {@code /-/ready}, 503 until every deployment the
   * process serves is ready, so no traffic reaches a pod that cannot answer. The startup probe
   * gives the JVM two minutes before liveness counts.
   */
  static Container container(
      String image, List<String> args, ResourceRequirements resources, long jvmBytes) {
    return new ContainerBuilder()
        .withName("mixserve")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withArgs(args)
        .addNewPort()
        .withName("http")
        .withContainerPort(Names.PORT)
        .withProtocol("TCP")
        .endPort()
        .withEnv(env(jvmBytes))
        .withResources(resources)
        .withStartupProbe(probe("/-/healthz", 2, 2, 60))
        .withLivenessProbe(probe("/-/healthz", 10, 5, 3))
        .withReadinessProbe(probe("/-/ready", 5, 3, 2))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withVolumeMounts(
            new VolumeMountBuilder()
                .withName("config")
                .withMountPath(Names.CONFIG_DIR)
                .withReadOnly(true)
                .build(),
            new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build(),
            new VolumeMountBuilder().withName("cache").withMountPath(CACHE).build())
        .build();
  }

  private static Probe probe(String path, int period, int timeout, int failures) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(period)
        .withTimeoutSeconds(timeout)
        .withFailureThreshold(failures)
        .build();
  }

  /**
   * The root file system is read-only, so everything that writes goes to the two volumes: natives
   * unpack to /tmp, downloads and DJL's tokenizer library to the cache. The heap is capped because
   * engines run beside the JVM in the same memory limit and must not lose it to a heap that grew
   * only because it could.
   */
  private static List<EnvVar> env(long jvmBytes) {
    var out = new ArrayList<EnvVar>();
    out.add(field("POD_NAMESPACE", "metadata.namespace"));
    out.add(field("POD_NAME", "metadata.name"));
    out.add(field("NODE_NAME", "spec.nodeName"));
    out.add(new EnvVar("HOME", CACHE, null));
    out.add(new EnvVar("XDG_CACHE_HOME", CACHE, null));
    out.add(new EnvVar("HF_HOME", CACHE + "/huggingface", null));
    out.add(new EnvVar("DJL_CACHE_DIR", CACHE + "/djl", null));
    out.add(new EnvVar("JAVA_TOOL_OPTIONS", "-Xmx" + (jvmBytes * 3 / 4 >> 20) + "m", null));
    return out;
  }

  private static EnvVar field(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  static PodSecurityContext security() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(UID)
        .withRunAsGroup(UID)
        .withFsGroup(UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /** The config, a scratch /tmp, and the cache (an emptyDir: swap it for a PVC to keep models). */
  static List<Volume> volumes() {
    return List.of(
        new VolumeBuilder()
            .withName("config")
            .withNewConfigMap()
            .withName(Names.CONFIG_MAP)
            .endConfigMap()
            .build(),
        new VolumeBuilder()
            .withName("tmp")
            .withNewEmptyDir()
            .withSizeLimit(new Quantity("2Gi"))
            .endEmptyDir()
            .build(),
        new VolumeBuilder().withName("cache").withNewEmptyDir().endEmptyDir().build());
  }

  /** Bytes as the API server writes them back: whole Mi. */
  static Quantity bytes(long n) {
    return new Quantity(Long.toString((n + (1 << 20) - 1) >> 20), "Mi");
  }

  static Quantity milliCpu(int m) {
    return m % 1000 == 0 ? new Quantity(Integer.toString(m / 1000)) : new Quantity(m + "m");
  }
}
