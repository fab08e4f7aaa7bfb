package dev.mixserve.k8s;

import dev.mixserve.api.ClusterKey;
import dev.mixserve.api.MixserveConfig;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/**
 * The cluster key on Kubernetes. With keys on and a worker to call, every member reads {@value
 * ClusterKey#ENV} from the Secret {@value #NAME} (entry {@value #ENTRY}); a pod whose Secret is
 * missing waits, and its events say which Secret. The Secret is not among the objects {@code render
 * k8s} prints: printed, each rendering would carry a new key, and {@code kubectl apply} would
 * change it under pods that read the old one: {@link #createCommand} says how to make it once. (The
 * operator's resource has no keys yet, so the operator never needs it.)
 */
public final class ClusterKeySecret {
  public static final String NAME = "mixserve-cluster-key";
  public static final String ENTRY = "key";

  private ClusterKeySecret() {}

  /** Whether the members need the key: keys are on and the head has workers to call. */
  static boolean needed(MixserveConfig config, List<Worker> workers) {
    return config.auth().on() && !workers.isEmpty();
  }

  /** Gives every mixserve container among {@code objects} the key from the Secret. */
  static void mount(List<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      if (o instanceof Deployment d) {
        for (var c : d.getSpec().getTemplate().getSpec().getContainers()) {
          if (c.getName().equals("mixserve")) {
            c.getEnv().add(env());
          }
        }
      }
    }
  }

  private static EnvVar env() {
    return new EnvVarBuilder()
        .withName(ClusterKey.ENV)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(NAME)
        .withKey(ENTRY)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  /** The command that makes the Secret by hand, for {@code render k8s} to print. */
  public static String createCommand(String namespace) {
    return "kubectl -n "
        + namespace
        + " create secret generic "
        + NAME
        + " --from-literal="
        + ENTRY
        + "=$(openssl rand -hex 32)";
  }
}
