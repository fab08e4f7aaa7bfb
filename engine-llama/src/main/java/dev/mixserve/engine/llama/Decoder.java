package dev.mixserve.engine.llama;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mixserve.api.engine.chat.Logprob;
import dev.mixserve.api.error.ServeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread that runs a model: continuous batching over {@code slots} KV-cache sequences.
 *
 * <p>Every step decodes one batch that holds the next token of each generating request and, with
 * the room left, chunks of waiting prompts; then it samples each request's next token and hands its
 * text to the request's thread. Requests beyond the slots wait in a bounded queue. A request that
 * ends, or whose reader left, has its sequence cleared at once: the cache then stays as short as
 * the live requests, which matters because every token attends over the whole used span (a lone
 * stream after four ended ones ran at less than half speed while their cells stayed).
 *
 * <p>Several answers to one prompt (OpenAI's {@code n}) come as a group that starts together: the
 * first job decodes the prompt, and in the step that reads its last chunk the others get a copy of
 * its sequence (shared cells, see {@link Llama#copySequence}) and sample from the same logits.
 */
final class Decoder implements AutoCloseable {
  /**
   * Most prompt tokens a step reads of a prompt whose logprobs are asked for: each gives a row of
   * logits, and llama.cpp keeps its output buffer as large as the largest step asked (vocabulary
   * size times rows, 4 bytes each: 18 MB at 32 rows of a 150k vocabulary).
   */
  static final int PROMPT_LOGPROB_ROWS = 32;

  private final Model model;
  private final MemorySegment ctx;
  private final int slots;
  private final Semaphore capacity;
  private final LinkedBlockingQueue<List<Job>> pending = new LinkedBlockingQueue<>();
  private final List<Job> active = new ArrayList<>();
  private final ArrayDeque<Integer> free = new ArrayDeque<>();
  private final Arena arena = Arena.ofShared();
  private final Batch batch;
  private final Thread thread;
  private final AtomicLong tokens = new AtomicLong();
  private final AtomicLong promptTokens = new AtomicLong();
  private final Pieces pieces;
  private final Logprobs logprobs;
  private volatile int busy;
  private volatile int cachedWhenIdle;
  private volatile boolean running = true;

  Decoder(Model model, MemorySegment ctx, int slots, int maxQueued, int batchSize, String name) {
    this.model = model;
    this.ctx = ctx;
    this.slots = slots;
    this.capacity = new Semaphore(slots + maxQueued);
    for (int s = 0; s < slots; s++) {
      free.add(s);
    }
    this.batch = new Batch(arena, Math.max(batchSize, slots));
    this.pieces = new Pieces(model, arena);
    this.logprobs = new Logprobs(pieces, model.vocabSize);
    this.thread = Thread.ofPlatform().name("llama-decode-" + name).daemon().start(this::run);
  }

  /**
   * Queues a group of jobs on one prompt (at most {@code slots}; usually one), or refuses it when
   * the queue is full.
   */
  void submit(List<Job> group, String deployment) {
    if (!running || !capacity.tryAcquire(group.size())) {
      group.forEach(Job::freeSampler);
      throw ServeException.overloaded(
          deployment + ": all " + slots + " slots busy and the queue is full; retry later", 429, 1);
    }
    pending.add(group);
  }

  /**
   * Drops a waiting group once every job of it was cancelled (running ones are dropped by the
   * decoder thread, and so are the cancelled jobs of a group that starts).
   */
  void withdraw(Job job) {
    for (List<Job> group : pending) {
      if (group.contains(job)
          && group.stream().allMatch(j -> j.out.cancelled())
          && pending.remove(group)) {
        group.forEach(Job::freeSampler);
        capacity.release(group.size());
      }
    }
  }

  int busy() {
    return busy;
  }

  int queued() {
    return pending.size();
  }

  /** Tokens generated since start, across all requests. */
  long tokens() {
    return tokens.get();
  }

  /** Prompt tokens decoded since start: a prompt shared by several answers counts once. */
  long promptTokens() {
    return promptTokens.get();
  }

  /**
   * Tokens the KV cache held when the decoder last went idle (read on its thread, not mid-step).
   */
  int cachedWhenIdle() {
    return cachedWhenIdle;
  }

  private void run() {
    while (running) {
      try {
        admit();
        if (active.isEmpty()) {
          cachedWhenIdle = Llama.usedCells(ctx);
          List<Job> next = pending.poll(100, TimeUnit.MILLISECONDS);
          if (next != null) {
            start(next);
          }
          continue;
        }
        step();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failAll(ServeException.engineFailure("llama.cpp: " + e.getMessage(), e));
      }
    }
  }

  // Groups start in order, a group only when it has a slot for each of its jobs.
  private void admit() {
    List<Job> next;
    while ((next = pending.peek()) != null && next.size() <= free.size()) {
      if (pending.remove(next)) {
        start(next);
      }
    }
  }

  private void start(List<Job> group) {
    Job leader = null;
    for (Job job : group) {
      if (job.out.cancelled()) {
        job.freeSampler();
        capacity.release();
        continue;
      }
      job.begin(free.pop());
      if (leader == null) {
        leader = job;
      } else {
        job.leader = leader;
      }
      active.add(job);
    }
    busy = active.size();
  }

  private void step() {
    active.removeIf(
        job -> {
          if (job.out.cancelled()) {
            Forks.handOver(ctx, active, job);
            end(job);
            return true;
          }
          return false;
        });
    busy = active.size();
    if (active.isEmpty()) {
      return;
    }
    // llama.cpp needs the batch's new cells in one free run; after many requests the cache can be
    // too fragmented for a long prompt chunk, so a refused step is retried with smaller chunks.
    int budget = Integer.MAX_VALUE;
    int rc;
    while ((rc = decode(budget)) == 1 && budget > 1 && hasChunks()) {
      budget = Math.max(1, largestChunk() / 2);
    }
    if (rc != 0) {
      failAll(
          ServeException.engineFailure(
              rc == 1
                  ? "llama.cpp: no room left in the KV cache for this step"
                  : "llama.cpp: decode failed (" + rc + ")",
              null));
      return;
    }
    for (Job job : active) {
      promptTokens.addAndGet(job.chunk);
      if (job.promptLogprobs != null && job.chunk > 0) {
        promptLogprobs(job);
      }
    }
    Forks.fork(ctx, active);
    for (int i = 0; i < active.size(); ) {
      Job job = active.get(i);
      if (advance(job)) {
        end(job);
        active.remove(i);
      } else {
        i++;
      }
    }
    busy = active.size();
  }

  /** Builds this step's batch, prompt chunks at most {@code budget} tokens each, and decodes it. */
  private int decode(int budget) {
    batch.clear();
    for (Job job : active) {
      job.chunk = 0;
      job.output = job.prefilling() ? -1 : batch.add(job.last, job.position, job.sequence, true);
    }
    for (Job job : active) {
      if (!job.prefilling() || job.leader != null) {
        continue;
      }
      boolean everyRow = job.promptLogprobs != null;
      int n = Math.min(Math.min(job.prompt.length - job.fed, batch.room()), budget);
      n = everyRow ? Math.min(n, PROMPT_LOGPROB_ROWS) : n;
      job.chunkStart = batch.size();
      for (int k = 0; k < n; k++) {
        int at = job.fed + k;
        boolean lastOfPrompt = at == job.prompt.length - 1;
        int index = batch.add(job.prompt[at], at, job.sequence, lastOfPrompt || everyRow);
        if (lastOfPrompt) {
          job.output = index;
        }
      }
      job.chunk = n;
    }
    return Llama.decode(ctx, batch.struct);
  }

  // Token at+1's logprob comes from the row of token at. The first token has no row before it: a
  // BOS the vocabulary added is left out (its text is empty and the user did not write it), any
  // other first token is listed without a logprob, as OpenAI lists it.
  private void promptLogprobs(Job job) {
    byte[] first = job.fed == 0 ? pieces.of(job.prompt[0]) : null;
    if (first != null && first.length > 0) {
      list(job, new Logprob(new String(first, UTF_8), first.clone(), Double.NaN, List.of()));
    }
    for (int k = 0; k < job.chunk && job.fed + k + 1 < job.prompt.length; k++) {
      list(job, logprobs.of(ctx, job.chunkStart + k, job.prompt[job.fed + k + 1], job.logprobs));
    }
  }

  private static void list(Job job, Logprob lp) {
    boolean firstWord = job.promptLogprobs.isEmpty() && !job.promptStartsWithSpace;
    job.promptLogprobs.add(firstWord ? withoutLeadingSpace(lp) : lp);
  }

  // The first word's alternatives lose theirs too: in the legacy shape they are keyed by text, and
  // the token shown must match its own entry.
  private static Logprob withoutLeadingSpace(Logprob lp) {
    byte[] b = lp.bytes();
    if (b.length == 0 || b[0] != ' ') {
      return lp;
    }
    byte[] rest = Arrays.copyOfRange(b, 1, b.length);
    var top = lp.top().stream().map(Decoder::withoutLeadingSpace).toList();
    return new Logprob(new String(rest, UTF_8), rest, lp.logprob(), top);
  }

  private boolean hasChunks() {
    return active.stream().anyMatch(j -> j.chunk > 1);
  }

  private int largestChunk() {
    return active.stream().mapToInt(j -> j.chunk).max().orElse(1);
  }

  /** Moves a job past a decoded step: samples its next token if the step gave it logits. */
  private boolean advance(Job job) {
    if (job.chunk > 0) {
      job.fed += job.chunk;
      job.position = job.fed;
    } else if (job.output >= 0) {
      job.position++;
    }
    if (job.output < 0) {
      return false; // a prompt not done yet, or one that found no room in this step's batch
    }
    job.promptRead();
    int token = LlamaSamplers.sample(job.sampler(), ctx, job.output);
    tokens.incrementAndGet();
    if (model.endsGeneration(token)) {
      job.endOfText();
      return true;
    }
    var logprob = job.logprobs == null ? null : logprobs.of(ctx, job.output, token, job.logprobs);
    return job.accept(token, pieces.of(token), logprob);
  }

  private void end(Job job) {
    Llama.clearSequence(ctx, job.sequence);
    free.push(job.sequence);
    job.sequence = -1;
    job.freeSampler();
    capacity.release();
  }

  private void failAll(ServeException e) {
    for (Job job : active) {
      end(job);
      job.out.fail(e);
    }
    active.clear();
    busy = 0;
  }

  /**
   * Stops the thread and fails what is left; false when the thread did not stop in time (a decode
   * step still running), in which case the native context must not be freed.
   */
  boolean stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      return false;
    }
    var shutdown = ServeException.unavailable("the model is shutting down", 5);
    failAll(shutdown);
    List<Job> group;
    while ((group = pending.poll()) != null) {
      for (Job job : group) {
        job.freeSampler();
        job.out.fail(shutdown);
      }
    }
    arena.close();
    return true;
  }

  @Override
  public void close() {
    stop();
  }
}
