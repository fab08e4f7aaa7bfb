package dev.mixserve.engine.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.Generation;
import dev.mixserve.api.engine.chat.Logprob;
import dev.mixserve.api.engine.chat.Sampling;
import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logprobs, several answers to one prompt (n), and prompts given as token ids. */
class LlamaChoicesTest {
  private static LlamaChatEngine engine;

  @BeforeAll
  static void load() {
    engine = Stories.engine(Map.of("context_size", 256L, "parallel", 4L));
  }

  @AfterAll
  static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private static ChatRequest greedy(int max) {
    return ChatRequest.prompt(Stories.PROMPT, max, Sampling.GREEDY);
  }

  /** Runs a generation to its end, keeping its pieces. */
  private static ChatResult run(Generation g, List<ChatEvent.Piece> pieces) throws Exception {
    try (g) {
      while (true) {
        switch (g.poll(Duration.ofSeconds(30))) {
          case ChatEvent.Piece p -> pieces.add(p);
          case ChatEvent.Finished f -> {
            return f.result();
          }
          case null -> throw new AssertionError("no event in 30 s");
          default -> {}
        }
      }
    }
  }

  private static List<ChatResult> runAll(List<Generation> gs) throws Exception {
    var out = new ArrayList<ChatResult>();
    for (Generation g : gs) {
      out.add(run(g, new ArrayList<>()));
    }
    return out;
  }

  @Test
  void greedyLogprobsAreTheModelsLikeliestTokens() throws Exception {
    var pieces = new ArrayList<ChatEvent.Piece>();
    ChatResult r = run(engine.start(greedy(32).withLogprobs(5)), pieces);
    assertThat(r.text()).isEqualTo(Stories.GREEDY_32);
    assertThat(r.logprobs()).hasSize(32);
    var tokens = new StringBuilder();
    for (Logprob lp : r.logprobs()) {
      tokens.append(lp.token());
      assertThat(lp.logprob()).isLessThanOrEqualTo(0);
      assertThat(lp.top()).hasSize(5);
      // greedy picks the likeliest token, so it heads its own list
      assertThat(lp.top().getFirst().token()).isEqualTo(lp.token());
      assertThat(lp.top().getFirst().logprob()).isEqualTo(lp.logprob());
      double mass = 0;
      for (int i = 0; i < lp.top().size(); i++) {
        mass += Math.exp(lp.top().get(i).logprob());
        if (i > 0) {
          assertThat(lp.top().get(i).logprob()).isLessThanOrEqualTo(lp.top().get(i - 1).logprob());
        }
      }
      assertThat(mass).isLessThanOrEqualTo(1.0 + 1e-9);
      assertThat(new String(lp.bytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(lp.token());
    }
    assertThat(tokens.toString()).isEqualTo(r.text());
    // the pieces carry the same tokens, in order, as the whole answer
    assertThat(pieces.stream().flatMap(p -> p.logprobs().stream()).toList())
        .isEqualTo(r.logprobs());
  }

  @Test
  void logprobsAreTheModelsBeforeTemperature() throws Exception {
    var hot = ChatRequest.prompt(Stories.PROMPT, 1, new Sampling(1.5, 1.0, 3L, 0, 0));
    Logprob sampled = run(engine.start(hot.withLogprobs(20)), new ArrayList<>()).logprobs().get(0);
    Logprob greedy =
        run(engine.start(greedy(1).withLogprobs(20)), new ArrayList<>()).logprobs().get(0);
    assertThat(sampled.top())
        .extracting(Logprob::token, Logprob::logprob)
        .isEqualTo(
            greedy.top().stream()
                .map(l -> org.assertj.core.groups.Tuple.tuple(l.token(), l.logprob()))
                .toList());
    assertThat(sampled.logprob()).isLessThanOrEqualTo(greedy.logprob());
  }

  @Test
  void promptLogprobsAreWhatGeneratingTheSameTokensGave() throws Exception {
    // Reading a text scores each token as generating it did: the generated logprobs of the greedy
    // story must come back as the prompt logprobs of prompt + story, across several prompt chunks.
    ChatResult made = run(engine.start(greedy(40).withLogprobs(3)), new ArrayList<>());
    var echo = ChatRequest.prompt(Stories.PROMPT + made.text(), 1, Sampling.GREEDY);
    var events = new ArrayList<ChatEvent>();
    ChatResult read = null;
    try (Generation g = engine.start(echo.withPromptLogprobs(3))) {
      while (read == null) {
        ChatEvent e = g.poll(Duration.ofSeconds(30));
        events.add(e);
        read = e instanceof ChatEvent.Finished f ? f.result() : null;
      }
    }
    List<Logprob> prompt = read.promptLogprobs();
    assertThat(prompt.size()).isGreaterThan(Decoder.PROMPT_LOGPROB_ROWS);
    assertThat(prompt).extracting(Logprob::token).startsWith("Once", " upon");
    assertThat(String.join("", prompt.stream().map(Logprob::token).toList()))
        .isEqualTo(echo.input() instanceof ChatRequest.Input.Prompt p ? p.text() : null);
    List<Logprob> story = prompt.subList(prompt.size() - made.logprobs().size(), prompt.size());
    for (int i = 0; i < story.size(); i++) {
      Logprob want = made.logprobs().get(i);
      Logprob got = story.get(i);
      assertThat(got.token()).isEqualTo(want.token());
      // a step reading many rows sums in another order than one reading a row: floats differ a
      // little
      assertThat(got.logprob())
          .isCloseTo(want.logprob(), org.assertj.core.data.Offset.offset(1e-2));
      assertThat(got.top())
          .extracting(Logprob::token)
          .isEqualTo(want.top().stream().map(Logprob::token).toList());
    }
    // the BOS before "Once" gives its first word a real logprob; it arrives before any piece
    assertThat(prompt.getFirst().known()).isTrue();
    assertThat(events)
        .filteredOn(e -> !(e instanceof ChatEvent.Started))
        .first()
        .isEqualTo(new ChatEvent.Prompt(prompt));
    assertThat(read.logprobs()).hasSize(1);
  }

  @Test
  void everyChoiceGetsThePromptLogprobs() throws Exception {
    List<ChatResult> rs = runAll(engine.start(greedy(4).withPromptLogprobs(0), 3));
    assertThat(rs.getFirst().promptLogprobs())
        .extracting(Logprob::token)
        .containsExactly("Once", " upon", " a", " time");
    assertThat(rs)
        .extracting(ChatResult::promptLogprobs)
        .containsOnly(rs.getFirst().promptLogprobs());
    assertThat(run(engine.start(greedy(4).withLogprobs(0)), new ArrayList<>()).promptLogprobs())
        .isEmpty();
  }

  @Test
  void withoutLogprobsNoneAreReported() throws Exception {
    var pieces = new ArrayList<ChatEvent.Piece>();
    assertThat(run(engine.start(greedy(8)), pieces).logprobs()).isEmpty();
    assertThat(pieces).allSatisfy(p -> assertThat(p.logprobs()).isEmpty());
  }

  @Test
  void greedyChoicesAreAllTheKnownStoryFromOnePromptRead() throws Exception {
    long read = engine.promptTokensRead();
    List<ChatResult> rs = runAll(engine.start(greedy(32), 3));
    assertThat(engine.promptTokensRead() - read).isEqualTo(5); // once, not three times
    assertThat(rs).extracting(ChatResult::text).containsOnly(Stories.GREEDY_32);
    assertThat(rs).extracting(ChatResult::promptTokens).containsOnly(5);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> engine.busySlots() == 0 && engine.cachedWhenIdle() == 0);
  }

  @Test
  void sampledChoicesDifferAndRepeatWithTheSeed() throws Exception {
    var r = ChatRequest.prompt(Stories.PROMPT, 24, new Sampling(1.0, 1.0, 11L, 0, 0));
    List<String> first = runAll(engine.start(r, 4)).stream().map(ChatResult::text).toList();
    assertThat(first.stream().distinct()).hasSizeGreaterThan(1);
    List<String> again = runAll(engine.start(r, 4)).stream().map(ChatResult::text).toList();
    assertThat(again).isEqualTo(first);
    // choice 0 is the answer a request for one would get
    assertThat(run(engine.start(r), new ArrayList<>()).text()).isEqualTo(first.getFirst());
  }

  @Test
  void theOthersGoOnWhenTheFirstChoiceIsClosed() throws Exception {
    List<Generation> gs = engine.start(greedy(32), 3);
    gs.getFirst().close();
    List<ChatResult> rs = runAll(gs.subList(1, 3));
    assertThat(rs).extracting(ChatResult::text).containsOnly(Stories.GREEDY_32);
  }

  @Test
  void moreChoicesThanSlotsAreRefused() {
    assertThatThrownBy(() -> engine.start(greedy(4), 5))
        .isInstanceOf(ServeException.class)
        .extracting(e -> ((ServeException) e).param())
        .isEqualTo("n");
  }

  @Test
  void aPromptOfTokenIdsIsReadAsItIs() throws Exception {
    int[] ids;
    try (Model m = Model.load(Stories.file(), 0)) {
      ids = m.tokenize(Stories.PROMPT);
    }
    var input = new ChatRequest.Input.Tokens(Arrays.stream(ids).boxed().toList());
    var r = new ChatRequest(input, 32, Sampling.GREEDY, List.of(), null);
    assertThat(run(engine.start(r), new ArrayList<>()).text()).isEqualTo(Stories.GREEDY_32);
    var bad =
        new ChatRequest(new ChatRequest.Input.Tokens(List.of(1, 999_999)), 4, null, null, null);
    assertThatThrownBy(() -> engine.start(bad))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("999999");
  }
}
