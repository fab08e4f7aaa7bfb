package dev.mixserve.gateway;

import static dev.mixserve.gateway.ChatTestServer.GREEDY_32;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logprobs, n, echo and prompt batches over HTTP, whole and streamed, on stories260K. */
public class ChatChoicesIT {
  private static final String PROMPT = "Once upon a time";

  private static JsonNode whole(String path, String body) {
    var r = ChatHttp.post(path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return ChatHttp.json(r);
  }

  private static Sse streamed(String path, String body) {
    String s = body.substring(0, body.lastIndexOf('}')) + ", \"stream\": true}";
    var r = ChatHttp.post(path, s);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Sse sse = Sse.parse(r.body());
    assertThat(sse.done()).isTrue();
    return sse;
  }

  /** Choice k's streamed text, and its logprobs joined, from the chunks that name it. */
  private static String text(Sse sse, int k) {
    var out = new StringBuilder();
    for (JsonNode c : sse.chunks()) {
      for (JsonNode ch : c.path("choices")) {
        if (ch.path("index").asInt() == k) {
          out.append(
              ch.has("delta")
                  ? ch.path("delta").path("content").asText("")
                  : ch.path("text").asText(""));
        }
      }
    }
    return out.toString();
  }

  private static ArrayNode chatLogprobs(Sse sse, int k) {
    var out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode c : sse.chunks()) {
      for (JsonNode ch : c.path("choices")) {
        if (ch.path("index").asInt() == k) {
          if (ch.path("logprobs").path("content") instanceof ArrayNode a) {
            out.addAll(a);
          }
        }
      }
    }
    return out;
  }

  @Test
  void chatLogprobsAreTheGreedyTokensWholeAndStreamed() {
    String body =
        """
        {"messages": [{"role": "user", "content": "%s"}], "max_tokens": 32, "temperature": 0,
         "logprobs": true, "top_logprobs": 3}"""
            .formatted(PROMPT);
    JsonNode choice = whole("/llm/v1/chat/completions", body).path("choices").get(0);
    assertThat(choice.path("message").path("content").asText()).isEqualTo(GREEDY_32);
    assertThat(choice.path("message").has("refusal")).isTrue();
    assertThat(choice.path("message").path("refusal").isNull()).isTrue();
    JsonNode content = choice.path("logprobs").path("content");
    assertThat(content).hasSize(32);
    var tokens = new StringBuilder();
    for (JsonNode t : content) {
      tokens.append(t.path("token").asText());
      double lp = t.path("logprob").asDouble();
      assertThat(lp).isLessThanOrEqualTo(0);
      JsonNode top = t.path("top_logprobs");
      assertThat(top).hasSize(3);
      assertThat(top.get(0).path("logprob").asDouble()).isEqualTo(lp);
      double mass = 0;
      for (JsonNode alt : top) {
        mass += Math.exp(alt.path("logprob").asDouble());
        assertThat(alt.path("logprob").asDouble()).isLessThanOrEqualTo(lp);
      }
      assertThat(mass).isLessThanOrEqualTo(1.0 + 1e-9);
      assertThat(t.path("bytes")).hasSize(t.path("token").asText().getBytes().length);
    }
    assertThat(tokens.toString()).isEqualTo(GREEDY_32);

    Sse sse = streamed("/llm/v1/chat/completions", body);
    assertThat(text(sse, 0)).isEqualTo(GREEDY_32);
    assertThat(chatLogprobs(sse, 0)).isEqualTo(content);
    // deltas carry no refusal: OpenAI's stream delta has it optional
    assertThat(sse.chunks())
        .allSatisfy(
            c -> assertThat(c.path("choices").path(0).path("delta").has("refusal")).isFalse());
  }

  @Test
  void legacyLogprobsHaveTheirOldShapeWholeAndStreamed() {
    String body =
        """
        {"prompt": "%s", "max_tokens": 12, "temperature": 0, "logprobs": 2}"""
            .formatted(PROMPT);
    JsonNode choice = whole("/llm/v1/completions", body).path("choices").get(0);
    JsonNode lp = choice.path("logprobs");
    assertThat(lp.path("tokens")).hasSize(12);
    assertThat(lp.path("token_logprobs")).hasSize(12);
    assertThat(lp.path("top_logprobs")).hasSize(12);
    var joined = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      assertThat(lp.path("text_offset").get(i).asInt()).isEqualTo(joined.length());
      String token = lp.path("tokens").get(i).asText();
      joined.append(token);
      JsonNode top = lp.path("top_logprobs").get(i);
      assertThat(top.size()).isBetween(1, 2);
      assertThat(top.path(token).asDouble()).isEqualTo(lp.path("token_logprobs").get(i).asDouble());
    }
    assertThat(joined.toString()).isEqualTo(choice.path("text").asText());

    Sse sse = streamed("/llm/v1/completions", body);
    var tokens = new ArrayList<String>();
    var offsets = new ArrayList<Integer>();
    for (JsonNode c : sse.chunks()) {
      JsonNode l = c.path("choices").path(0).path("logprobs");
      l.path("tokens").forEach(t -> tokens.add(t.asText()));
      l.path("text_offset").forEach(t -> offsets.add(t.asInt()));
    }
    assertThat(tokens).isEqualTo(toList(lp.path("tokens")));
    assertThat(offsets)
        .isEqualTo(toList(lp.path("text_offset")).stream().map(Integer::valueOf).toList());
  }

  @Test
  void echoWithLogprobsListsThePromptsTokensFirstWholeAndStreamed() {
    String body =
        """
        {"prompt": "%s", "max_tokens": 8, "temperature": 0, "logprobs": 2, "echo": true}"""
            .formatted(PROMPT);
    JsonNode choice = whole("/llm/v1/completions", body).path("choices").get(0);
    assertThat(choice.path("text").asText()).startsWith(PROMPT);
    JsonNode lp = choice.path("logprobs");
    // stories260K's BOS is left out: the four words of the prompt, then the eight generated
    assertThat(toList(lp.path("tokens")).subList(0, 4))
        .containsExactly("Once", " upon", " a", " time");
    assertThat(lp.path("tokens")).hasSize(12);
    assertThat(String.join("", toList(lp.path("tokens")))).isEqualTo(choice.path("text").asText());
    var at = 0;
    for (int i = 0; i < 12; i++) {
      assertThat(lp.path("text_offset").get(i).asInt()).isEqualTo(at);
      at += lp.path("tokens").get(i).asText().length();
      assertThat(lp.path("token_logprobs").get(i).asDouble()).isNegative();
      assertThat(lp.path("top_logprobs").get(i).size()).isBetween(1, 2);
    }
    // the first word is shown without the space SentencePiece puts before it, and so are its
    // alternatives: "Once", the likeliest first word after BOS, is a key of its own map
    assertThat(lp.path("top_logprobs").get(0).has("Once")).isTrue();

    Sse sse = streamed("/llm/v1/completions", body);
    assertThat(text(sse, 0)).isEqualTo(choice.path("text").asText());
    var tokens = new ArrayList<String>();
    var logprobs = new ArrayList<String>();
    for (JsonNode c : sse.chunks()) {
      JsonNode l = c.path("choices").path(0).path("logprobs");
      l.path("tokens").forEach(t -> tokens.add(t.asText()));
      l.path("token_logprobs").forEach(t -> logprobs.add(t.asText()));
    }
    assertThat(tokens).isEqualTo(toList(lp.path("tokens")));
    assertThat(logprobs).isEqualTo(toList(lp.path("token_logprobs")));
  }

  @Test
  void echoWithLogprobsScoresEachPromptOfABatchForEveryChoice() {
    String body =
        """
        {"prompt": ["%s", "Lily"], "max_tokens": 4, "temperature": 0, "n": 2, "echo": true,
         "logprobs": 1}"""
            .formatted(PROMPT);
    JsonNode choices = whole("/llm/v1/completions", body).path("choices");
    Sse sse = streamed("/llm/v1/completions", body);
    for (int k = 0; k < 4; k++) {
      JsonNode choice = choices.get(k);
      JsonNode lp = choice.path("logprobs");
      assertThat(String.join("", toList(lp.path("tokens"))))
          .as("choice %d", k)
          .isEqualTo(choice.path("text").asText())
          .startsWith(k < 2 ? PROMPT : "Lily");
      var streamedTokens = new ArrayList<String>();
      for (JsonNode c : sse.chunks()) {
        for (JsonNode ch : c.path("choices")) {
          if (ch.path("index").asInt() == k) {
            ch.path("logprobs").path("tokens").forEach(t -> streamedTokens.add(t.asText()));
          }
        }
      }
      assertThat(streamedTokens).as("choice %d streamed", k).isEqualTo(toList(lp.path("tokens")));
    }
    // the prompt is read once for both choices: its logprobs are the same numbers (the generated
    // ones may differ in the last digits, as the two sequences share a batch)
    JsonNode a = choices.get(0).path("logprobs").path("token_logprobs");
    JsonNode b = choices.get(1).path("logprobs").path("token_logprobs");
    for (int i = 0; i < 4; i++) {
      assertThat(a.get(i)).isEqualTo(b.get(i));
    }
    assertThat(choices.get(0).path("logprobs").path("tokens"))
        .isEqualTo(choices.get(1).path("logprobs").path("tokens"));
  }

  private static List<String> toList(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void greedyChoicesAreEqualAndUsageCountsThePromptOnce() {
    String body =
        """
        {"messages": [{"role": "user", "content": "%s"}], "max_tokens": 32, "temperature": 0,
         "n": 2, "stream_options": {"include_usage": true}}"""
            .formatted(PROMPT);
    JsonNode r =
        whole(
            "/llm/v1/chat/completions",
            body.replace(", \"stream_options\": {\"include_usage\": true}", ""));
    assertThat(r.path("choices")).hasSize(2);
    for (int k = 0; k < 2; k++) {
      assertThat(r.path("choices").get(k).path("index").asInt()).isEqualTo(k);
      assertThat(r.path("choices").get(k).path("message").path("content").asText())
          .isEqualTo(GREEDY_32);
    }
    assertThat(r.path("usage").path("prompt_tokens").asInt()).isEqualTo(5);
    assertThat(r.path("usage").path("completion_tokens").asInt()).isEqualTo(64);

    Sse sse = streamed("/llm/v1/chat/completions", body);
    assertThat(text(sse, 0)).isEqualTo(GREEDY_32);
    assertThat(text(sse, 1)).isEqualTo(GREEDY_32);
    assertThat(sse.finishReason()).isEqualTo("length,length");
    JsonNode usage = sse.chunks().getLast().path("usage");
    assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(5);
    assertThat(usage.path("total_tokens").asInt()).isEqualTo(69);
  }

  @Test
  void sampledChoicesDifferAndStreamedOnesAreTheSameWithTheSeed() {
    String body =
        """
        {"prompt": "%s", "max_tokens": 24, "temperature": 1, "seed": 5, "n": 3}"""
            .formatted(PROMPT);
    JsonNode r = whole("/llm/v1/completions", body);
    var texts = new ArrayList<String>();
    r.path("choices").forEach(c -> texts.add(c.path("text").asText()));
    assertThat(texts.stream().distinct()).hasSizeGreaterThan(1);
    Sse sse = streamed("/llm/v1/completions", body);
    assertThat(List.of(text(sse, 0), text(sse, 1), text(sse, 2))).isEqualTo(texts);
  }

  @Test
  void aBatchOfPromptsIsIndexedPromptTimesNPlusChoice() {
    String body =
        """
        {"prompt": ["%s", "Lily"], "max_tokens": 8, "temperature": 0, "n": 2, "echo": true}"""
            .formatted(PROMPT);
    JsonNode r = whole("/llm/v1/completions", body);
    JsonNode choices = r.path("choices");
    assertThat(choices).hasSize(4);
    for (int k = 0; k < 4; k++) {
      assertThat(choices.get(k).path("index").asInt()).isEqualTo(k);
    }
    String plain =
        whole(
                "/llm/v1/completions",
                body.replace(", \"Lily\"]", "]").replace(", \"echo\": true", ""))
            .path("choices")
            .get(0)
            .path("text")
            .asText();
    assertThat(plain).isNotEmpty();
    assertThat(choices.get(0).path("text").asText())
        .isEqualTo(PROMPT + plain)
        .isEqualTo(choices.get(1).path("text").asText());
    assertThat(choices.get(2).path("text").asText())
        .startsWith("Lily")
        .isEqualTo(choices.get(3).path("text").asText());
    assertThat(r.path("usage").path("completion_tokens").asInt()).isEqualTo(32);
    assertThat(r.path("usage").path("prompt_tokens").asInt())
        .isEqualTo(
            5
                + ChatTestServer.llm()
                    .countTokens(dev.mixserve.api.engine.chat.ChatRequest.prompt("Lily", 1, null)));

    Sse sse = streamed("/llm/v1/completions", body);
    for (int k = 0; k < 4; k++) {
      assertThat(text(sse, k)).isEqualTo(choices.get(k).path("text").asText());
    }
  }

  @Test
  void aPromptOfTokenIdsIsTheTextsTokens() {
    // stories260K reads "Once upon a time" as BOS and four tokens
    JsonNode r =
        whole(
            "/llm/v1/completions",
            """
            {"prompt": [1, 403, 407, 261, 378], "max_tokens": 32, "temperature": 0}""");
    assertThat(r.path("choices").get(0).path("text").asText()).isEqualTo(GREEDY_32);
    JsonNode batch =
        whole(
            "/llm/v1/completions",
            """
            {"prompt": [[1, 403, 407, 261, 378], [1, 403]], "max_tokens": 4, "temperature": 0}""");
    assertThat(batch.path("choices")).hasSize(2);
  }

  @Test
  void theEchoEngineAnswersSeveralChoices() {
    JsonNode r =
        whole(
            "/echo-chat/v1/chat/completions",
            """
            {"messages": [{"role": "user", "content": "one two three"}], "n": 3}""");
    assertThat(r.path("choices")).hasSize(3);
    r.path("choices")
        .forEach(
            c -> assertThat(c.path("message").path("content").asText()).isEqualTo("one two three"));
    Sse sse =
        streamed(
            "/echo-chat/v1/chat/completions",
            """
            {"messages": [{"role": "user", "content": "one two three"}], "n": 3}""");
    for (int k = 0; k < 3; k++) {
      assertThat(text(sse, k)).isEqualTo("one two three");
    }
  }
}
