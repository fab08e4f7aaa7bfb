package dev.mixserve.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.ApiKey;
import dev.mixserve.api.KeyLimits;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GuardTest {
  static final String ADMIN = "msk-admin";
  static final String LLM = "msk-llm";
  static final String SLOW = "msk-slow";

  final AtomicLong now = new AtomicLong();
  final Guard guard = new Guard(now::get);

  static ApiKey key(String name, String key, List<String> scopes, boolean admin, KeyLimits l) {
    return new ApiKey(name, KeyHash.hex(key), scopes, admin, l);
  }

  GuardTest() {
    guard.keys(
        true,
        List.of(
            key("root", ADMIN, List.of("*"), true, KeyLimits.NONE),
            key("llm-only", LLM, List.of("llm"), false, KeyLimits.NONE),
            key("slow", SLOW, List.of("/emb"), false, new KeyLimits(2, 0, 1))));
  }

  /** The status the front door's check gives a request for {@code path} to {@code deployment}. */
  int status(String key, String path, String deployment, String route) {
    var v = guard.check(guard.identify(key), path, deployment, route);
    if (v instanceof Grant g) {
      g.close();
      return 200;
    }
    return ((Refusal) v).status();
  }

  @Test
  void oneTableOfKeysAndPlaces() {
    record Row(String path, String deployment, String route) {}
    var rows =
        Map.of(
            "probe", new Row("/-/healthz", null, null),
            "admin", new Row("/-/status", null, null),
            "llm", new Row("/llm/v1/chat/completions", "llm", "/llm"),
            "emb", new Row("/emb/v1/embeddings", "embeddings", "/emb"));
    var keys = new java.util.LinkedHashMap<String, String>();
    keys.put("no key", null);
    keys.put("wrong key", "msk-nobody");
    keys.put("admin key", ADMIN);
    keys.put("scoped key", LLM);
    // key → probe, admin, llm, emb
    var expected =
        Map.of(
            "no key", List.of(200, 401, 401, 401),
            "wrong key", List.of(200, 401, 401, 401),
            "admin key", List.of(200, 200, 200, 200),
            "scoped key", List.of(200, 403, 200, 403));
    for (var k : keys.entrySet()) {
      var got =
          java.util.stream.Stream.of("probe", "admin", "llm", "emb")
              .map(
                  r ->
                      status(
                          k.getValue(),
                          rows.get(r).path(),
                          rows.get(r).deployment(),
                          rows.get(r).route()))
              .toList();
      assertThat(got).as(k.getKey()).isEqualTo(expected.get(k.getKey()));
    }
  }

  @Test
  void keysOffLetsEverythingIn() {
    var open = Guard.open();
    assertThat(open.identify(null)).isSameAs(Identity.ANYONE);
    assertThat(open.check(open.identify("junk"), "/-/status", null, null)).isSameAs(Grant.FREE);
  }

  @Test
  void onWithNoKeysRefusesAllButProbes() {
    guard.keys(true, List.of());
    assertThat(status(ADMIN, "/-/status", null, null)).isEqualTo(401);
    assertThat(status(null, "/-/ready", null, null)).isEqualTo(200);
    assertThat(status(null, "/v2/health/live", null, null)).isEqualTo(200);
  }

  @Test
  void theSameAnswerForAKeyThatNeverWasAndOneRevoked() {
    var before = guard.check(guard.identify(LLM), "/llm/x", "llm", "/llm");
    assertThat(before).isInstanceOf(Grant.class);
    guard.keys(true, List.of(key("root", ADMIN, List.of("*"), true, KeyLimits.NONE)));
    var revoked = (Refusal) guard.check(guard.identify(LLM), "/llm/x", "llm", "/llm");
    var never = (Refusal) guard.check(guard.identify("msk-never"), "/llm/x", "llm", "/llm");
    assertThat(revoked).isEqualTo(never);
    assertThat(revoked.headers()).contains(new Refusal.Header("WWW-Authenticate", "Bearer"));
    var none = (Refusal) guard.check(guard.identify(null), "/llm/x", "llm", "/llm");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.message()).contains("Authorization: Bearer");
  }

  @Test
  void requestsAMinuteThenRetryAfterThenIn() {
    assertThat(status(SLOW, "/emb/v1/embeddings", "embeddings", "/emb")).isEqualTo(200);
    assertThat(status(SLOW, "/emb/v1/embeddings", "embeddings", "/emb")).isEqualTo(200);
    var over = (Refusal) guard.check(guard.identify(SLOW), "/emb/x", "embeddings", "/emb");
    assertThat(over.status()).isEqualTo(429);
    var h = headers(over);
    assertThat(h)
        .containsEntry("Retry-After", "30")
        .containsEntry("x-ratelimit-limit-requests", "2");
    assertThat(h).containsEntry("x-ratelimit-remaining-requests", "0");
    assertThat(h).containsEntry("x-ratelimit-reset-requests", "1m0s");
    now.addAndGet(29_000_000_000L);
    assertThat(status(SLOW, "/emb/x", "embeddings", "/emb")).isEqualTo(429);
    now.addAndGet(1_000_000_000L);
    assertThat(status(SLOW, "/emb/x", "embeddings", "/emb")).isEqualTo(200);
  }

  @Test
  void concurrentSlotsAreHeldUntilClosed() {
    var first = (Grant) guard.check(guard.identify(SLOW), "/emb/x", "embeddings", "/emb");
    var second = (Refusal) guard.check(guard.identify(SLOW), "/emb/x", "embeddings", "/emb");
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.message()).contains("1 requests open at once");
    first.close();
    first.close(); // twice frees one slot, not two
    assertThat(guard.check(guard.identify(SLOW), "/emb/x", "embeddings", "/emb"))
        .isInstanceOf(Grant.class);
  }

  @Test
  void tokensAreChargedAfterAndHoldTheNextRequest() {
    guard.keys(true, List.of(key("t", "msk-t", List.of("*"), false, new KeyLimits(0, 600, 0))));
    var g = (Grant) guard.check(guard.identify("msk-t"), "/llm/x", "llm", "/llm");
    g.charge(900); // more than the minute's 600: 300 in debt
    g.close();
    var over = (Refusal) guard.check(guard.identify("msk-t"), "/llm/x", "llm", "/llm");
    assertThat(headers(over))
        .containsEntry("Retry-After", "31")
        .containsEntry("x-ratelimit-limit-tokens", "600")
        .containsEntry("x-ratelimit-remaining-tokens", "0");
    now.addAndGet(31_000_000_000L);
    assertThat(guard.check(guard.identify("msk-t"), "/llm/x", "llm", "/llm"))
        .isInstanceOf(Grant.class);
  }

  @Test
  void aReloadForgivesNoUsageAndDropsNoOpenRequest() {
    var open = (Grant) guard.check(guard.identify(SLOW), "/emb/x", "embeddings", "/emb");
    guard.keys(
        true,
        List.of(
            key("slow-renamed", SLOW, List.of("/emb"), false, new KeyLimits(2, 0, 1)),
            key("new", "msk-new", List.of("*"), false, KeyLimits.NONE)));
    assertThat(status(SLOW, "/emb/x", "embeddings", "/emb")).isEqualTo(429); // still one open
    open.close();
    assertThat(status(SLOW, "/emb/x", "embeddings", "/emb")).isEqualTo(200);
    assertThat(status(SLOW, "/emb/x", "embeddings", "/emb")).isEqualTo(429); // 2 a minute, used
    assertThat(guard.identify(SLOW).name()).isEqualTo("slow-renamed");
  }

  @Test
  void namesForTheLogNeverTheKey() {
    assertThat(guard.identify(null).name()).isEqualTo("none");
    assertThat(guard.identify("msk-x").name()).isEqualTo("invalid");
    assertThat(guard.identify(LLM).name()).isEqualTo("llm-only");
  }

  static Map<String, String> headers(Refusal r) {
    var out = new java.util.HashMap<String, String>();
    r.headers().forEach(h -> out.put(h.name(), h.value()));
    return out;
  }
}
