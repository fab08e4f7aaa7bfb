package dev.mixserve.gateway;

import dev.mixserve.api.MixserveConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** What start-up says when the endpoint is open to more than this machine. */
public final class Exposure {
  private Exposure() {}

  /** One line when keys are off and the server listens beyond loopback; empty otherwise. */
  public static Optional<String> warning(MixserveConfig config, int port) {
    String host = config.server().host();
    if (config.auth().on() || loopback(host)) {
      return Optional.empty();
    }
    return Optional.of(
        "warning: no API keys and listening on "
            + host
            + ":"
            + port
            + ": anyone who reaches it may call every model, read /-/status and POST /-/reload;"
            + " close it with --api-key KEY (or MIXSERVE_API_KEY, auth.keys) or --host 127.0.0.1");
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // a name that does not resolve here is no proof of loopback
    }
  }
}
