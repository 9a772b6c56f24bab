package io.firedrill.run;

import java.util.function.Supplier;

/**
 * Where and in what order the blocks of a run are computed: the seam between what a run computes (a
 * {@link Task} per block, a {@link Merge} of the results) and where it computes it.
 *
 * <p>A block needs nothing but its number: the random numbers of its trials are keyed by (run seed,
 * trial number, source), computed directly by each worker's kernel ({@code engine.StreamKeys}), so
 * block b costs the same to start on any worker, in any order. A scheduler may compute blocks on
 * any worker, in any order and several at once, but it keeps one rule, which with the keyed streams
 * is what makes a run's files the same bytes whatever the scheduler and the number of workers: the
 * results are handed to the merge on the calling thread strictly in block order 0, 1, 2, ..., each
 * exactly once.
 *
 * <p>{@link LocalScheduler} computes blocks on threads of this JVM. A distributed scheduler (blocks
 * computed on other machines, results collected and merged in order on this one) is a second
 * implementation of this interface; the runners ({@link TrialRunner} and the sweep runner) do not
 * change.
 */
public interface BlockScheduler {
  /** Computes one block on a worker. */
  @FunctionalInterface
  interface Task<W, R> {
    /** The result of block {@code block}, computed with per-worker state {@code worker}. */
    R compute(W worker, long block) throws Exception;
  }

  /** Receives block results in block order, on the calling thread. */
  @FunctionalInterface
  interface Merge<R> {
    /** Takes the result of block {@code block}; called for block 0, 1, 2, ... in turn. */
    void merge(long block, R result) throws Exception;
  }

  /**
   * Computes blocks 0 to {@code blocks} − 1 of a run and merges their results in block order. The
   * first failure, in a task or in the merge, stops the run and is thrown once from here. Once
   * {@code cancellation} is cancelled, the run stops after the merge of the current block, computes
   * no further block and throws {@link Cancellation.Stopped} with the number of blocks merged
   * (unless that block was the last: the run is then complete).
   *
   * @param workers makes the per-worker state (a kernel and its buffers), once per worker
   * @param <W> per-worker state
   * @param <R> the result of one block
   */
  <W, R> void run(
      long blocks, Supplier<W> workers, Task<W, R> task, Merge<R> merge, Cancellation cancellation)
      throws Exception;
}
