package dev.mixserve.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  static String key(Map<String, String> headers) {
    return Credentials.key(headers::get);
  }

  @Test
  void eachHeaderFormPresentsTheKey() {
    assertThat(key(Map.of("authorization", "Bearer msk-1"))).isEqualTo("msk-1");
    assertThat(key(Map.of("authorization", "bearer   msk-1  "))).isEqualTo("msk-1");
    assertThat(key(Map.of("api-key", "msk-2"))).isEqualTo("msk-2");
    assertThat(key(Map.of("x-api-key", "msk-3"))).isEqualTo("msk-3");
  }

  @Test
  void authorizationWinsAndOtherSchemesPresentNothing() {
    assertThat(key(Map.of("authorization", "Bearer a", "api-key", "b"))).isEqualTo("a");
    assertThat(key(Map.of("authorization", "Basic dXNlcjpwYXNz", "x-api-key", "c"))).isEqualTo("c");
    assertThat(key(Map.of("authorization", "Basic dXNlcjpwYXNz"))).isNull();
    assertThat(key(Map.of("authorization", "Bearer"))).isNull();
    assertThat(key(Map.of("authorization", "Bearer    "))).isNull();
    assertThat(key(Map.of())).isNull();
  }

  /** Seeded junk in every header form: never an exception, never anyone's key but the real one. */
  @Test
  void fuzzedHeadersNeverLetAnyoneIn() {
    var guard = new Guard(System::nanoTime);
    String real = KeyHash.newKey();
    guard.keys(
        true,
        java.util.List.of(
            new dev.mixserve.api.ApiKey(
                "real",
                KeyHash.hex(real),
                java.util.List.of("*"),
                true,
                dev.mixserve.api.KeyLimits.NONE)));
    var random = new Random(22);
    String[] forms = {"authorization", "api-key", "x-api-key"};
    for (int i = 0; i < 5000; i++) {
      var headers = new HashMap<String, String>();
      String form = forms[random.nextInt(forms.length)];
      String value = junk(random, real);
      headers.put(
          form, form.equals("authorization") && random.nextBoolean() ? "Bearer " + value : value);
      var who = guard.identify(key(headers));
      boolean exact =
          value.strip().equals(real)
              && (!form.equals("authorization") || headers.get(form).startsWith("Bearer "));
      assertThat(who.known()).as("%s: %s", form, headers.get(form)).isEqualTo(exact);
      assertThat(guard.enter(who, "/-/status") == null).isEqualTo(exact);
    }
  }

  @Test
  void theHeadersLeftOutForAnUpstreamAreExactlyThoseAKeyIsReadFrom() {
    for (String name :
        new String[] {
          "authorization", "api-key", "x-api-key", "proxy-authorization", "cookie", "x-api-keys"
        }) {
      boolean read = key(Map.of(name, "Bearer msk-1")) != null;
      assertThat(Credentials.presents(name)).as(name).isEqualTo(read);
    }
  }

  private static String junk(Random r, String real) {
    return switch (r.nextInt(6)) {
      case 0 -> real;
      case 1 -> real.substring(0, r.nextInt(real.length())); // a prefix
      case 2 -> real + (char) (33 + r.nextInt(90)); // one more
      case 3 -> real.toUpperCase();
      case 4 -> " " + real + "\t";
      default -> {
        var sb = new StringBuilder();
        int n = r.nextInt(200);
        for (int i = 0; i < n; i++) {
          sb.append((char) r.nextInt(256));
        }
        yield sb.toString();
      }
    };
  }
}
