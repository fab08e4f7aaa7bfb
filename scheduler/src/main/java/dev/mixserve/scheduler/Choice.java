package dev.mixserve.scheduler;

/** Picks among the candidates that fit, by strategy. Returns -1 when none fits. */
record Choice(Strategy strategy, int localNode) {
  int slot(Request r, Ledger l, int[] perNode) {
    int best = -1;
    int milli = r.milli();
    for (int s : r.candidates()) {
      if (l.freeMilli[s] >= milli
          && l.fits(r.deployment().resources(), s)
          && (best < 0 || better(s, best, l, perNode))) {
        best = s;
        if (strategy == Strategy.PACK && l.freeMilli[s] == milli) {
          break; // fills the GPU exactly: no slot can pack tighter
        }
      }
    }
    return best;
  }

  /** Candidates are scanned in inventory order, so ties keep the earlier slot. */
  private boolean better(int s, int best, Ledger l, int[] perNode) {
    return switch (strategy) {
      case PACK ->
          l.freeMilli[s] != l.freeMilli[best]
              ? l.freeMilli[s] < l.freeMilli[best]
              : l.freeMem[s] < l.freeMem[best];
      case SPREAD -> {
        int a = perNode[l.nodeOf[s]];
        int b = perNode[l.nodeOf[best]];
        if (a != b) {
          yield a < b;
        }
        yield l.freeMilli[s] != l.freeMilli[best]
            ? l.freeMilli[s] > l.freeMilli[best]
            : l.freeMem[s] > l.freeMem[best];
      }
    };
  }

  /** CPU-only replicas: the local node when it qualifies, else the first (pack) or least used. */
  int node(Request r, int[] perNode) {
    int best = -1;
    for (int n : r.candidates()) {
      if (best < 0 || betterNode(n, best, perNode)) {
        best = n;
      }
    }
    return best;
  }

  private boolean betterNode(int n, int best, int[] perNode) {
    if (strategy == Strategy.SPREAD && perNode[n] != perNode[best]) {
      return perNode[n] < perNode[best];
    }
    return n == localNode && best != localNode;
  }
}
