package dev.mixserve.engine.onnx;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Values made once per key and shared by every user of the key, closed when the last user lets go.
 * Two deployments of one model (the built-in /embeddings and /reranker both run BGE-small) then
 * hold one ONNX session, not two copies of its weights.
 *
 * <p>A value is made outside the lock, by the first user, so that two different keys load in
 * parallel; other users of the key wait for it. A failed make is not kept: the next user tries
 * again.
 */
final class Shared<K, V extends AutoCloseable> {
  private final Map<K, Entry<V>> entries = new HashMap<>();

  private static final class Entry<V> {
    final CompletableFuture<V> value = new CompletableFuture<>();
    int users;
  }

  /** One user's hold on a value; closing it twice lets go once. */
  static final class Lease<V> implements AutoCloseable {
    private final V value;
    private final Runnable release;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Lease(V value, Runnable release) {
      this.value = value;
      this.release = release;
    }

    V get() {
      return value;
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        release.run();
      }
    }
  }

  /** A lease on the value for {@code key}, made by {@code make} if no one holds one. */
  Lease<V> acquire(K key, Supplier<V> make) {
    Entry<V> entry;
    boolean maker;
    synchronized (this) {
      entry = entries.get(key);
      maker = entry == null;
      if (maker) {
        entry = new Entry<>();
        entries.put(key, entry);
      }
      entry.users++;
    }
    if (maker) {
      make(key, entry, make);
    } else {
      await(key, entry);
    }
    Entry<V> held = entry;
    return new Lease<>(entry.value.join(), () -> release(key, held));
  }

  private void make(K key, Entry<V> entry, Supplier<V> make) {
    try {
      entry.value.complete(make.get());
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        entries.remove(key, entry);
      }
      entry.value.completeExceptionally(e);
      throw e;
    }
  }

  private void await(K key, Entry<V> entry) {
    try {
      entry.value.get();
    } catch (InterruptedException e) {
      release(key, entry);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while another deployment loads " + key, e);
    } catch (ExecutionException e) {
      // The maker failed and removed the entry; its users hold nothing to let go of.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void release(K key, Entry<V> entry) {
    synchronized (this) {
      if (--entry.users > 0) {
        return;
      }
      entries.remove(key, entry);
    }
    // The maker holds a use until it is done, so the value is there whenever users reach 0.
    if (entry.value.isDone() && !entry.value.isCompletedExceptionally()) {
      V value = entry.value.join();
      try {
        value.close();
      } catch (Exception e) {
        // Closing frees native memory; a failure leaves nothing for the last user to do.
      }
    }
  }

  /** Keys with a value made or being made: for tests. */
  synchronized int size() {
    return entries.size();
  }
}
