package dev.mixserve.gateway.http;

import dev.mixserve.gateway.auth.Credentials;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** The API key a request to the handler presents, by {@link Credentials}' rules. */
public final class Presented {
  private static final HeaderName AUTHORIZATION = HeaderNames.create(Credentials.AUTHORIZATION);
  private static final HeaderName API_KEY = HeaderNames.create(Credentials.API_KEY);
  private static final HeaderName X_API_KEY = HeaderNames.create(Credentials.X_API_KEY);

  private Presented() {}

  public static String key(ServerRequest req) {
    var headers = req.headers();
    return Credentials.key(
        name -> {
          HeaderName h =
              switch (name) {
                case Credentials.AUTHORIZATION -> AUTHORIZATION;
                case Credentials.API_KEY -> API_KEY;
                default -> X_API_KEY;
              };
          return headers.first(h).orElse(null);
        });
  }
}
