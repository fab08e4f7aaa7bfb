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
 * the same parameters as the engine, or with one slot, its best for a lone stream. Concurrent
 * streams are run two ways: a thread per stream (the obvious way) and one thread taking the
 * streams' tokens in turn (how mixserve does it).
 */
final class Direct implements AutoCloseable {
  private final LlamaModel model;
  private final Setup setup;

  Direct(Setup s, int slots) {
    this.setup = s;
    this.model =
        new LlamaModel(
            new ModelParameters()
                .setModel(s.model().toString())
                .setThreads(s.threads())
                .setThreadsBatch(s.threads())
                .setParallel(slots)
                .setCtxSize(512 * slots)
                .enableContBatching()
                .disableContextShift()
                .disableLog()); // quiet, as the engine keeps llama.cpp: not a line per slot event
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

  /**
   * {@code streams} threads, each starting a new generation whenever its last one ends, until
   * {@code endNanos}; total tokens.
   */
  int threadPerStream(int streams, long endNanos) throws Exception {
    try (var pool = Executors.newFixedThreadPool(streams)) {
      var fs = new ArrayList<Future<Integer>>();
      for (int i = 0; i < streams; i++) {
        fs.add(
            pool.submit(
                () -> {
                  int n = 0;
                  do {
                    n += one();
                  } while (System.nanoTime() < endNanos);
                  return n;
                }));
      }
      int n = 0;
      for (var f : fs) {
        n += f.get();
      }
      return n;
    }
  }

  /**
   * {@code streams} generations read in turn by this thread, each replaced by a new one when it
   * ends until {@code endNanos}, so that the slots stay busy as under steady load; total tokens.
   */
  int roundRobin(int streams, long endNanos) {
    List<LlamaIterator> active = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      active.add(model.generate(params()).iterator());
    }
    int n = 0;
    while (!active.isEmpty()) {
      for (int i = 0; i < active.size(); ) {
        var stream = active.get(i);
        stream.next();
        if (stream.hasNext()) {
          n++;
          i++;
        } else if (System.nanoTime() < endNanos) {
          active.set(i++, model.generate(params()).iterator()); // its last output marks the end
        } else {
          active.remove(i);
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
