package dev.mixserve.cli;

import dev.mixserve.api.ApiKey;
import dev.mixserve.api.KeyLimits;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.gateway.auth.KeyHash;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code serve --api-key KEY} and {@code MIXSERVE_API_KEY}, as vLLM's {@code --api-key} and {@code
 * VLLM_API_KEY}: the operator's own keys, for every deployment and the admin plane. They are hashed
 * as soon as they are read, as the config's are, and added to every version of the config.
 */
final class ApiKeys {
  static final String ENV = "MIXSERVE_API_KEY";

  private ApiKeys() {}

  /** The flag's keys, or the environment's when the flag gives none. */
  static List<String> given(List<String> flag, String env) {
    if (flag != null && !flag.isEmpty()) {
      return flag;
    }
    return env == null || env.isBlank() ? List.of() : List.of(env.strip());
  }

  static MixserveConfig apply(MixserveConfig cfg, List<String> keys) {
    if (keys.isEmpty()) {
      return cfg;
    }
    var out = new ArrayList<ApiKey>();
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      if (k.isBlank()) {
        throw new IllegalArgumentException("--api-key: a key cannot be empty");
      }
      String name = i == 0 ? "api-key" : "api-key-" + (i + 1);
      out.add(new ApiKey(name, KeyHash.hex(k.strip()), List.of("*"), true, KeyLimits.NONE));
    }
    return cfg.withAuth(cfg.auth().withKeys(out));
  }
}
