package dev.mixserve.cli;

import dev.mixserve.gateway.auth.KeyHash;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Makes a new API key: the key for its holder, and the entry (its hash) for the config. */
@Command(
    name = "key",
    description =
        "Make a new API key: prints the key (give it to its holder; it is not kept) and the entry"
            + " for auth.keys or the keys file, which holds only its SHA-256.")
final class KeyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Who holds it, as logs and metrics name it.")
  String name;

  @Option(
      names = "--scopes",
      split = ",",
      paramLabel = "DEPLOYMENT",
      defaultValue = "*",
      description = "Deployments (names or routes) it may call, comma-separated; * for all.")
  List<String> scopes;

  @Option(names = "--admin", description = "It may use /-/status, /-/routes, /-/reload, /metrics.")
  boolean admin;

  @Override
  public Integer call() {
    try {
      dev.mixserve.api.ApiKey.checkName(name);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    String key = KeyHash.newKey();
    System.out.println("key:   " + key);
    System.out.println(
        "entry: - {name: "
            + name
            + ", sha256: "
            + KeyHash.hex(key)
            + ", scopes: "
            + scopes.stream().map(s -> s.equals("*") ? "\"*\"" : s).toList()
            + ", admin: "
            + admin
            + "}");
    return 0;
  }
}
