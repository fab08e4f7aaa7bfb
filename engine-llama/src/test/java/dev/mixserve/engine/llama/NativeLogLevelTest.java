package dev.mixserve.engine.llama;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;

class NativeLogLevelTest {
  @Test
  void tokenizerWarningsOfAWorkingModelAreDebug() {
    // what stories260K.gguf makes llama.cpp say while it loads and then serves fine
    for (String line :
        new String[] {
          "load: bad special token: 'tokenizer.ggml.seperator_token_id' = 4294967295, using default"
              + " id -1",
          "load: bad special token: 'tokenizer.ggml.padding_token_id' = 4294967295, using default"
              + " id -1",
          "load: special_eos_id is not in special_eog_ids - the tokenizer config may be incorrect"
        }) {
      assertThat(NativeLogLevel.of(3, line)).as(line).isEqualTo(Level.DEBUG);
    }
  }

  @Test
  void otherWarningsAndErrorsKeepTheirLevel() {
    assertThat(NativeLogLevel.of(3, "llama_context: n_ctx_per_seq (512) < n_ctx_train (2048)"))
        .isEqualTo(Level.WARNING);
    assertThat(NativeLogLevel.of(4, "load: error loading model vocabulary")).isEqualTo(Level.ERROR);
    assertThat(NativeLogLevel.of(2, "llama_model_loader: loaded meta data")).isEqualTo(Level.DEBUG);
  }
}
