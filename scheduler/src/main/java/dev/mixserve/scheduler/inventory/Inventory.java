package dev.mixserve.scheduler.inventory;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import java.util.ArrayList;
import java.util.Map;

/** Detects the accelerators of the machine this process runs on. */
public final class Inventory {
  private Inventory() {}

  /** GPUs of every vendor in the order their runtimes count them, then the CPU. */
  public static Node detect(String nodeName, SystemProbe probe) {
    var accelerators = new ArrayList<Accelerator>();
    accelerators.addAll(NvidiaDetector.detect(probe));
    accelerators.addAll(AmdDetector.detect(probe));
    accelerators.addAll(IntelDetector.detect(probe, CpuDetector.memTotal(probe)));
    accelerators.add(CpuDetector.detect(probe));
    return new Node(nodeName, "", Map.of(), accelerators);
  }
}
