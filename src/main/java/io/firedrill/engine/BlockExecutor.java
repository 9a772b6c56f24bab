package io.firedrill.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Computes numbered blocks on worker threads and hands their results to the calling thread strictly
 * in block order.
 *
 * <p>Block b gets its own stream: XoShiRo256++ seeded with the run's seed and jumped b times by
 * 2^128 (Commons RNG {@code jump()}), so blocks never overlap and a block's stream does not depend
 * on which worker computes it. Workers run at most {@code 4 × threads} blocks ahead of the merge,
 * which bounds memory. The first failure, in a worker or in the merge, stops everything and is
 * thrown once from {@link #run}.
 *
 * @param <W> per-worker state (a kernel and its buffers), made once per worker thread
 * @param <R> the result of one block
 */
final class BlockExecutor<W, R> {
  /** Computes one block on a worker. */
  interface Compute<W, R> {
    R compute(W worker, long block, UniformRandomProvider stream) throws Exception;
  }

  /** Receives block results in block order, on the calling thread. */
  interface Merge<R> {
    void merge(long block, R result) throws Exception;
  }

  private final long blocks;
  private final int threads;
  private final int window;
  private final Supplier<W> workers;
  private final Compute<W, R> compute;
  private final Object lock = new Object();
  private final Map<Long, R> done = new HashMap<>();
  private final JumpableUniformRandomProvider cursor;
  private long nextBlock;
  private long merged;
  private Throwable failure;

  private BlockExecutor(
      long blocks, long seed, int threads, Supplier<W> workers, Compute<W, R> compute) {
    this.blocks = blocks;
    this.threads = (int) Math.max(1, Math.min(threads, blocks));
    this.window = 4 * this.threads;
    this.workers = workers;
    this.compute = compute;
    this.cursor = (JumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
  }

  /** Runs {@code blocks} blocks on {@code threads} workers, merging in order. */
  static <W, R> void run(
      long blocks,
      long seed,
      int threads,
      Supplier<W> workers,
      Compute<W, R> compute,
      Merge<R> merge)
      throws Exception {
    new BlockExecutor<>(blocks, seed, threads, workers, compute).run(merge);
  }

  /** The stream of block {@code b} of a run seeded with {@code seed}: jumped b times. */
  static UniformRandomProvider blockStream(long seed, long b) {
    JumpableUniformRandomProvider r =
        (JumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
    UniformRandomProvider out = r.jump();
    for (long i = 0; i < b; i++) {
      out = r.jump();
    }
    return out;
  }

  private void run(Merge<R> merge) throws Exception {
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
        if (Interruption.requested() && b + 1 < blocks) {
          throw new Interruption.Stopped(b + 1, blocks);
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
        UniformRandomProvider stream;
        synchronized (lock) {
          while (failure == null && nextBlock < blocks && nextBlock - merged >= window) {
            lock.wait();
          }
          if (failure != null || nextBlock >= blocks) {
            return;
          }
          b = nextBlock++;
          stream = cursor.jump();
        }
        R result = compute.compute(worker, b, stream);
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
