package dev.mixserve.gateway.openai;

import dev.mixserve.api.engine.ChatEngine;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Generation;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.auth.Grant;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.Endpoint;
import dev.mixserve.gateway.http.SseWriter;
import dev.mixserve.protocol.openai.ChatChunk;
import dev.mixserve.protocol.openai.ChatCompletionRequest;
import dev.mixserve.protocol.openai.ChatCompletionResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * OpenAI POST /v1/chat/completions and POST /v1/completions on a chat deployment, whole or
 * streamed, with n answers per prompt and, for completions, a batch of prompts. Closing the
 * generations (at the end, on error, or when the client went away and a write failed) cancels them
 * in the engine and frees their slots.
 */
public final class ChatEndpoints {
  private ChatEndpoints() {}

  public static List<Endpoint> all() {
    return List.of(
        Endpoint.post("/v1/chat/completions", (c, rt) -> serve(c, rt, true)),
        Endpoint.post("/v1/completions", (c, rt) -> serve(c, rt, false)));
  }

  private static void serve(Call call, DeploymentRuntime rt, boolean chat) {
    long received = System.nanoTime();
    var req =
        chat
            ? ChatCompletionRequest.parseChat(call.json())
            : ChatCompletionRequest.parseCompletion(call.json());
    ChatEngine engine = engine(rt);
    if (req.logprobs() && !engine.givesLogprobs()) {
      throw ServeException.invalid(
          "logprobs", rt.deployment().name() + " does not give logprobs (its engine cannot)");
    }
    var head =
        new ChatCompletionResponse(
            (chat ? "chatcmpl-" : "cmpl-") + UUID.randomUUID(),
            Instant.now().getEpochSecond(),
            req.model().orElse(rt.deployment().name()),
            chat);
    var generations = new ArrayList<Generation>(req.choices());
    try {
      for (ChatRequest r : req.requests()) {
        generations.addAll(engine.start(r, req.n()));
      }
      var grant = call.access() == null ? Grant.FREE : call.access().grant();
      var timeout = call.deadline(rt.deployment().limits().timeout());
      var runs = new ArrayList<ChatRun>(generations.size());
      for (int k = 0; k < generations.size(); k++) {
        runs.add(
            new ChatRun(
                generations.get(k), rt.metrics(), grant, received, timeout, k % req.n() == 0));
      }
      try (var events = ChoiceEvents.of(runs)) {
        if (req.stream()) {
          var chunks = new ChatChunk(head, req.includeUsage(), req.logprobs());
          new ChatStream(new SseWriter(call.response()), events, chunks, req, call.streamCut())
              .run();
        } else {
          call.sendJson(200, head.write(req, ChoiceEvents.toEnd(events, runs.size())));
        }
      }
    } finally {
      generations.forEach(Generation::close);
    }
  }

  private static ChatEngine engine(DeploymentRuntime rt) {
    if (rt.engine() instanceof ChatEngine c) {
      return c;
    }
    throw ServeException.notFound(rt.deployment().name() + " does not generate text");
  }
}
