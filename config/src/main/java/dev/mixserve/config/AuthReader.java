package dev.mixserve.config;

import dev.mixserve.api.ApiKey;
import dev.mixserve.api.Auth;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.KeyLimits;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Maps {@code auth:} and keys files: each key's name, hash, scopes, admin flag and limits. */
final class AuthReader {
  private AuthReader() {}

  static Auth auth(Doc d, List<Deployment> deployments) {
    var f = d.fields("keys", "keys_file", "cluster_key_file");
    var keys = f.opt("keys").map(AuthReader::keys).orElse(List.of());
    f.opt("keys").ifPresent(k -> checkScopes(k, keys, deployments));
    Path file = f.opt("keys_file").map(p -> p.as(Path::of)).orElse(null);
    Path cluster = f.opt("cluster_key_file").map(p -> p.as(Path::of)).orElse(null);
    return new Auth(keys, file, cluster);
  }

  /** A keys file: one mapping with one key, {@code keys}. */
  static List<ApiKey> keysFile(Doc root) {
    var f = root.fields("keys");
    return f.opt("keys").map(AuthReader::keys).orElse(List.of());
  }

  private static List<ApiKey> keys(Doc list) {
    var items = list.items();
    var keys = items.stream().map(AuthReader::key).toList();
    var names = new HashSet<String>();
    var hashes = new HashSet<String>();
    for (int i = 0; i < keys.size(); i++) {
      if (!names.add(keys.get(i).name())) {
        throw items.get(i).error("duplicate key name '" + keys.get(i).name() + "'");
      }
      if (!hashes.add(keys.get(i).sha256())) {
        throw items.get(i).error("the same sha256 as an earlier key: one key, two names");
      }
    }
    return keys;
  }

  private static ApiKey key(Doc d) {
    var f = d.fields("name", "sha256", "scopes", "admin", "limits");
    String name = f.req("name").as(ApiKey::checkName);
    String hash = f.req("sha256").as(ApiKey::checkHash);
    var scopes = f.req("scopes");
    boolean admin = f.opt("admin").map(Doc::asBool).orElse(false);
    var limits = f.opt("limits").map(AuthReader::limits).orElse(KeyLimits.NONE);
    try {
      return new ApiKey(name, hash, scopes.asStrings(), admin, limits);
    } catch (IllegalArgumentException e) {
      throw scopes.error(e.getMessage());
    }
  }

  private static KeyLimits limits(Doc d) {
    var f = d.fields("requests_per_minute", "tokens_per_minute", "concurrent");
    int rpm = count(f.opt("requests_per_minute"));
    int tpm = count(f.opt("tokens_per_minute"));
    int concurrent = count(f.opt("concurrent"));
    return new KeyLimits(rpm, tpm, concurrent);
  }

  private static int count(Optional<Doc> d) {
    if (d.isEmpty()) {
      return 0;
    }
    int n = d.get().asInt();
    if (n < 0) {
      throw d.get().error("expected 0 (no limit) or more, got " + n);
    }
    return n;
  }

  /**
   * A scope that names no deployment is most likely a typo that would lock its holder out; the
   * config knows every deployment, so it says so here (a keys file is checked when it is read).
   */
  private static void checkScopes(Doc list, List<ApiKey> keys, List<Deployment> deployments) {
    var items = list.items();
    for (int i = 0; i < keys.size(); i++) {
      var unknown = unknownScopes(keys.get(i), deployments);
      if (!unknown.isEmpty()) {
        throw items
            .get(i)
            .error(
                "scopes "
                    + unknown
                    + " name no deployment; expected names or routes of "
                    + deployments.stream().map(Deployment::name).toList()
                    + ", or *");
      }
    }
  }

  static List<String> unknownScopes(ApiKey key, List<Deployment> deployments) {
    return key.scopes().stream()
        .filter(s -> !s.equals("*"))
        .filter(s -> deployments.stream().noneMatch(d -> d.name().equals(s) || d.route().equals(s)))
        .toList();
  }
}
