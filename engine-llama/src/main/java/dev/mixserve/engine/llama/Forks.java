package dev.mixserve.engine.llama;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Several answers to one prompt on the decoder thread: the jobs of a group wait on their leader,
 * which decodes the prompt once; they then take a copy of its sequence (shared KV cells, see {@link
 * Llama#copySequence}).
 */
final class Forks {
  private Forks() {}

  // Jobs whose leader read the end of the prompt in this step take a copy of its sequence and
  // stand where it stands, so that advance() moves them as it moves the leader.
  static void fork(MemorySegment ctx, List<Job> active) {
    for (Job job : active) {
      Job l = job.leader;
      if (l != null && l.chunk > 0 && l.fed + l.chunk == l.prompt.length) {
        Llama.copySequence(ctx, l.sequence, job.sequence);
        job.fed = l.fed;
        job.chunk = l.chunk;
        job.output = l.output;
        job.leader = null;
        if (job.promptLogprobs != null) {
          job.promptLogprobs.addAll(l.promptLogprobs);
        }
      }
    }
  }

  // A leader that leaves before its prompt is read passes what it has read, and the lead, to one
  // of the jobs waiting on it.
  static void handOver(MemorySegment ctx, List<Job> active, Job leaving) {
    Job heir = null;
    for (Job job : active) {
      if (job.leader != leaving) {
        continue;
      }
      if (heir == null) {
        heir = job;
        heir.leader = null;
        Llama.copySequence(ctx, leaving.sequence, heir.sequence);
        heir.fed = leaving.fed;
        heir.position = leaving.position;
        if (heir.promptLogprobs != null) {
          heir.promptLogprobs.addAll(leaving.promptLogprobs);
        }
      } else {
        job.leader = heir;
      }
    }
  }
}
