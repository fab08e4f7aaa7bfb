package dev.mixserve.cli;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Server;

/** Command-line options that override the config file. */
final class Overrides {
  private Overrides() {}

  static MixserveConfig apply(MixserveConfig cfg, String host, Integer port) {
    Server s = cfg.server();
    if (port != null) {
      if (port < 0 || port > 65535) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(new Main()), "--port must be in 0..65535, got " + port);
      }
      s = s.withPort(port);
    }
    if (host != null) {
      s = s.withHost(host);
    }
    return cfg.withServer(s);
  }
}
