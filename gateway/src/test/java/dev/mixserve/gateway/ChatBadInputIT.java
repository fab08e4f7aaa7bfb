package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad chat and completion requests get OpenAI-style 4xx errors that name the field. */
public class ChatBadInputIT {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no messages        | /llm/v1/chat/completions | {"model": "llm"}                                                        | 400 | messages
          empty messages     | /llm/v1/chat/completions | {"messages": []}                                                        | 400 | messages
          wrong role         | /llm/v1/chat/completions | {"messages": [{"role": "robot", "content": "x"}]}                       | 400 | messages
          tool role          | /llm/v1/chat/completions | {"messages": [{"role": "tool", "content": "x"}]}                        | 400 | messages
          content missing    | /llm/v1/chat/completions | {"messages": [{"role": "user"}]}                                        | 400 | messages
          negative max       | /llm/v1/chat/completions | {"messages": [{"role": "user", "content": "x"}], "max_tokens": -1}      | 400 | max_tokens
          zero max           | /llm/v1/completions      | {"prompt": "x", "max_completion_tokens": 0}                            | 400 | max_completion_tokens
          n above slots      | /llm/v1/chat/completions | {"messages": [{"role": "user", "content": "x"}], "n": 5}                | 400 | n
          n=0                | /llm/v1/completions      | {"prompt": "x", "n": 0}                                                 | 400 | n
          top without lp     | /llm/v1/chat/completions | {"messages": [{"role": "user", "content": "x"}], "top_logprobs": 2}     | 400 | top_logprobs
          top above 20       | /llm/v1/chat/completions | {"messages": [{"role": "user", "content": "x"}], "logprobs": true, "top_logprobs": 21} | 400 | top_logprobs
          legacy lp above 5  | /llm/v1/completions      | {"prompt": "x", "logprobs": 6}                                          | 400 | logprobs
          echo of token ids  | /llm/v1/completions      | {"prompt": [1, 2], "echo": true}                                        | 400 | echo
          empty prompt list  | /llm/v1/completions      | {"prompt": []}                                                          | 400 | prompt
          mixed prompt list  | /llm/v1/completions      | {"prompt": ["x", 3]}                                                    | 400 | prompt
          token id unknown   | /llm/v1/completions      | {"prompt": [1, 99999]}                                                  | 400 | prompt
          echo logprobs chat | /echo-chat/v1/chat/completions | {"messages": [{"role": "user", "content": "x"}], "logprobs": true} | 400 | logprobs
          echo logprobs cmpl | /echo-chat/v1/completions | {"prompt": "x", "logprobs": 0}                                         | 400 | logprobs
          hot temperature    | /llm/v1/completions      | {"prompt": "x", "temperature": 3}                                       | 400 | temperature
          stop not string    | /llm/v1/completions      | {"prompt": "x", "stop": [1]}                                            | 400 | stop
          bad format         | /llm/v1/completions      | {"prompt": "x", "response_format": {"type": "xml"}}                     | 400 | response_format
          schema missing     | /llm/v1/completions      | {"prompt": "x", "response_format": {"type": "json_schema"}}             | 400 | response_format
          no prompt          | /llm/v1/completions      | {"max_tokens": 3}                                                       | 400 | prompt
          unknown model      | /v1/chat/completions     | {"model": "gpt-9", "messages": [{"role": "user", "content": "x"}]}      | 404 | model
          """)
  void refused(String name, String path, String body, int status, String param) {
    var r = ChatHttp.post(path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = ChatHttp.json(r).path("error");
    assertThat(error.path("param").asText()).isEqualTo(param);
    assertThat(error.path("message").asText()).isNotBlank();
  }

  @ParameterizedTest(name = "too long {0}")
  @CsvSource({"/llm/v1/completions", "/llm/v1/chat/completions"})
  void tooLongPromptNamesContextAndPromptLength(String path) {
    String text = "Once upon a time ".repeat(200);
    String body =
        path.endsWith("chat/completions")
            ? "{\"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}"
            : "{\"prompt\": \"" + text + "\"}";
    var r = ChatHttp.post(path, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ChatHttp.json(r).path("error").path("message").asText())
        .contains("maximum context length is 512 tokens")
        .containsPattern("your prompt has \\d+ tokens");
  }
}
