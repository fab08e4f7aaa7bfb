package dev.mixserve.bench.llm;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline: the de.kherud:llama binding called straight, with no mixserve class, loaded with
 * the same parameters as the engine. Concurrent streams are run two ways: a thread per stream (the
 * obvious way) and one thread taking the streams' tokens in turn (how mixserve does it).
 */
final class Direct implements AutoCloseable {
  private final LlamaModel model;
  private final Setup setup;

  Direct(Setup s) {
    this.setup = s;
    this.model =
        new LlamaModel(
            new ModelParameters()
                .setModel(s.model().toString())
                .setThreads(s.threads())
                .setThreadsBatch(s.threads())
                .setParallel(s.parallel())
                .setCtxSize(512 * s.parallel())
                .enableContBatching()
                .disableContextShift());
  }

  private InferenceParameters params() {
    return new InferenceParameters(Setup.PROMPT).setTemperature(0).setNPredict(setup.tokens());
  }

  /** Tokens of one generation on the calling thread. */
  int one() {
    int n = -1; // the last output only marks the end
    for (var ignored : model.generate(params())) {
      n++;
    }
    return n;
  }

  /** {@code streams} generations, a thread each; total tokens. */
  int threadPerStream(int streams) throws Exception {
    try (var pool = Executors.newFixedThreadPool(streams)) {
      var fs = new ArrayList<Future<Integer>>();
      for (int i = 0; i < streams; i++) {
        fs.add(pool.submit(this::one));
      }
      int n = 0;
      for (var f : fs) {
        n += f.get();
      }
      return n;
    }
  }

  /** {@code streams} generations read in turn by this thread; total tokens. */
  int roundRobin(int streams) {
    List<LlamaIterator> active = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      active.add(model.generate(params()).iterator());
    }
    int n = -streams;
    while (!active.isEmpty()) {
      for (var it = active.iterator(); it.hasNext(); ) {
        var stream = it.next();
        stream.next();
        n++;
        if (!stream.hasNext()) {
          it.remove();
        }
      }
    }
    return n;
  }

  @Override
  public void close() {
    model.close();
  }
}
