package io.firedrill.run;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The block scheduler of one machine: computes numbered blocks on worker threads of this JVM and
 * hands their results to the calling thread strictly in block order.
 *
 * <p>Blocks are handed out in order to whichever worker is free; a block's random numbers do not
 * depend on which worker computes it (they are keyed by trial number). Workers run at most {@code 4
 * × threads} blocks ahead of the merge, which bounds memory. The first failure, in a worker or in
 * the merge, stops everything and is thrown once from {@link #run}.
 */
public final class LocalScheduler implements BlockScheduler {
  private final int threads;

  /**
   * A scheduler with {@code threads} worker threads (fewer when a run has fewer blocks).
   *
   * @throws IllegalArgumentException if {@code threads} is not positive
   */
  public LocalScheduler(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads is not positive: " + threads);
    }
    this.threads = threads;
  }

  @Override
  public <W, R> void run(
      long blocks, Supplier<W> workers, Task<W, R> task, Merge<R> merge, Cancellation cancellation)
      throws Exception {
    new Execution<>(blocks, threads, workers, task).run(merge, cancellation);
  }

  /** One run of blocks: its workers, the blocks done and not yet merged, the first failure. */
  private static final class Execution<W, R> {
    private final long blocks;
    private final int threads;
    private final int window;
    private final Supplier<W> workers;
    private final Task<W, R> compute;
    private final Object lock = new Object();
    private final Map<Long, R> done = new HashMap<>();
    private long nextBlock;
    private long merged;
    private Throwable failure;

    private Execution(long blocks, int threads, Supplier<W> workers, Task<W, R> compute) {
      this.blocks = blocks;
      this.threads = (int) Math.max(1, Math.min(threads, blocks));
      this.window = 4 * this.threads;
      this.workers = workers;
      this.compute = compute;
    }

    private void run(Merge<R> merge, Cancellation cancellation) throws Exception {
      Thread[] pool = new Thread[threads];
      for (int i = 0; i < threads; i++) {
        pool[i] = new Thread(this::work, "firedrill-worker-" + i);
        pool[i].setDaemon(true);
        pool[i].start();
      }
      try {
        for (long b = 0; b < blocks; b++) {
          R result;
          synchronized (lock) {
            while ((result = done.remove(b)) == null && failure == null) {
              lock.wait();
            }
            if (failure != null) {
              break;
            }
          }
          merge.merge(b, result);
          if (cancellation.isCancelled() && b + 1 < blocks) {
            throw new Cancellation.Stopped(b + 1, blocks);
          }
          synchronized (lock) {
            merged = b + 1;
            lock.notifyAll();
          }
        }
      } catch (Exception | Error e) {
        fail(e);
        throw e;
      } finally {
        synchronized (lock) {
          if (failure == null && merged < blocks) {
            failure = new InterruptedException("stopped");
          }
          lock.notifyAll();
        }
        for (Thread w : pool) {
          w.join();
        }
      }
      if (failure != null) {
        if (failure instanceof Cancellation.Stopped) {
          // A worker stopped within its block: what counts is how many blocks were merged.
          throw new Cancellation.Stopped(merged, blocks);
        }
        if (failure instanceof Exception e) {
          throw e;
        }
        throw (Error) failure;
      }
    }

    private void fail(Throwable t) {
      synchronized (lock) {
        if (failure == null) {
          failure = t;
        }
        lock.notifyAll();
      }
    }

    private void work() {
      try {
        W worker = workers.get();
        while (true) {
          long b;
          synchronized (lock) {
            while (failure == null && nextBlock < blocks && nextBlock - merged >= window) {
              lock.wait();
            }
            if (failure != null || nextBlock >= blocks) {
              return;
            }
            b = nextBlock++;
          }
          R result = compute.compute(worker, b);
          synchronized (lock) {
            done.put(b, result);
            lock.notifyAll();
          }
        }
      } catch (Throwable t) {
        fail(t);
      }
    }
  }
}
