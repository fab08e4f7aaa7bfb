package dev.mixserve.controller;

import dev.mixserve.api.Task;
import dev.mixserve.controller.health.HealthProbe;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Health checks that pass unless the endpoint was marked failing or timing out. */
final class FakeProbe implements HealthProbe {
  final Set<URI> failing = ConcurrentHashMap.newKeySet();
  final Set<URI> timingOut = ConcurrentHashMap.newKeySet();
  final AtomicInteger checks = new AtomicInteger();

  @Override
  public Result check(URI endpoint, String model, Task task, Duration timeout) {
    checks.incrementAndGet();
    if (timingOut.contains(endpoint)) {
      return Result.timedOut("no answer within " + timeout.toMillis() + " ms");
    }
    return failing.contains(endpoint) ? Result.failed("fake failure") : Result.passed();
  }
}
