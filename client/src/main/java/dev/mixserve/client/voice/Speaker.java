package dev.mixserve.client.voice;

import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.MixserveException;
import dev.mixserve.client.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Speaks sentences through /tts as they are handed in, one at a time in order on its own thread, so
 * that speech runs while the model is still writing. Records when the first audio was ready.
 */
final class Speaker implements AutoCloseable {
  private final MixserveClient client;
  private final Target tts;
  private final String voice;
  private final long start;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("mixserve-tts").factory());
  private final List<Future<WavClip>> clips = new ArrayList<>();
  private final AtomicLong firstAudio = new AtomicLong();
  private final AtomicLong busy = new AtomicLong();

  Speaker(MixserveClient client, Target tts, String voice, long startNanos) {
    this.client = client;
    this.tts = tts;
    this.voice = voice;
    this.start = startNanos;
  }

  synchronized void say(String sentence) {
    clips.add(worker.submit(() -> speak(sentence)));
  }

  private WavClip speak(String sentence) {
    long t = System.nanoTime();
    var clip = WavClip.parse(client.speech(tts, sentence, voice));
    long now = System.nanoTime();
    busy.addAndGet(now - t);
    firstAudio.compareAndSet(0, now - start);
    return clip;
  }

  /** Waits for every sentence and joins their audio; throws the first failure. */
  synchronized WavClip join() {
    if (clips.isEmpty()) {
      throw new IllegalStateException("the answer had no words to speak");
    }
    var out = new ArrayList<WavClip>();
    for (Future<WavClip> f : clips) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        throw e.getCause() instanceof MixserveException m
            ? m
            : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while speaking", e);
      }
    }
    return WavClip.join(out);
  }

  synchronized int sentences() {
    return clips.size();
  }

  long firstAudioNanos() {
    return firstAudio.get();
  }

  long busyNanos() {
    return busy.get();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
