package dev.mixserve.controller;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Scripted replicas that record every call; settings apply to replicas started afterwards. */
final class FakeLauncher implements Launcher {
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Fake> latest = new ConcurrentHashMap<>();
  private volatile int failingStarts;
  private volatile int probesUntilReady = 1;
  private int started;

  /** The next {@code n} starts throw. */
  void failStarts(int n) {
    failingStarts = n;
  }

  /** Replicas started from now on answer their n-th readiness probe with yes. */
  void readyAfter(int probes) {
    probesUntilReady = probes;
  }

  void neverReady() {
    readyAfter(Integer.MAX_VALUE);
  }

  /** The latest start of this replica id. */
  Fake replica(String id) {
    return latest.get(id);
  }

  long count(String call) {
    return calls.stream().filter(call::equals).count();
  }

  @Override
  public synchronized Started start(ReplicaSpec spec) throws LaunchException {
    calls.add("start " + spec.id());
    if (failingStarts > 0) {
      failingStarts--;
      throw new LaunchException("no such command: fake-engine");
    }
    var fake =
        new Fake(spec.id(), URI.create("http://fake:" + (9000 + ++started)), probesUntilReady);
    latest.put(spec.id(), fake);
    return fake;
  }

  final class Fake implements Started {
    private final String id;
    private final URI endpoint;
    private final int readyAfter;
    private final CompletableFuture<String> exited = new CompletableFuture<>();
    private int probes;

    Fake(String id, URI endpoint, int readyAfter) {
      this.id = id;
      this.endpoint = endpoint;
      this.readyAfter = readyAfter;
    }

    /** The process dies by itself. */
    void exit(String why) {
      exited.complete(why);
    }

    boolean stopped() {
      return exited.isDone();
    }

    @Override
    public URI endpoint() {
      return endpoint;
    }

    @Override
    public synchronized boolean ready() {
      calls.add("ready " + id);
      return ++probes >= readyAfter;
    }

    @Override
    public CompletableFuture<String> exited() {
      return exited;
    }

    @Override
    public void stop(Duration grace) {
      calls.add("stop " + id);
      exited.complete("stopped");
    }
  }
}
