package io.firedrill.bench;

import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.RunStats;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Bytes a block's statistics cost, per service: for each model given, the bytes allocated by new
 * empty statistics, and the mean over 8 blocks (4,096 trials each, after 4 blocks that warm the
 * kernel up) of the bytes allocated by new statistics plus one block of trials into them, as the
 * runner computes a block (the warm kernel itself allocates nothing). Counted by the JVM per thread
 * (com.sun.management.ThreadMXBean).
 *
 * <p>Usage, from the checkout's root: {@code mvn -B -ntp -q -DskipTests test-compile
 * dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test},
 * then {@code java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)"
 * io.firedrill.bench.BlockBytes MODEL.yaml...}
 */
public final class BlockBytes {
  private BlockBytes() {}

  /** Prints one line per model in {@code args}: services, bytes per service empty and per block. */
  public static void main(String[] args) throws Exception {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    for (String file : args) {
      Plan plan = Plan.compile(ModelLoader.load(Path.of(file), List.of()).model());
      Kernel kernel = new Kernel(plan, 42);
      for (int b = 0; b < 4; b++) {
        block(kernel, plan, b, new RunStats(plan, 0));
      }
      long start = mx.getThreadAllocatedBytes(thread);
      RunStats empty = new RunStats(plan, 0);
      long emptyBytes = mx.getThreadAllocatedBytes(thread) - start;
      int blocks = 8;
      long sum = 0;
      for (int b = 4; b < 4 + blocks; b++) {
        long before = mx.getThreadAllocatedBytes(thread);
        block(kernel, plan, b, new RunStats(plan, 0));
        sum += mx.getThreadAllocatedBytes(thread) - before;
      }
      System.out.printf(
          "%s: %d services, empty statistics %d B per service, a new block %d B per service%n",
          file, plan.services, emptyBytes / plan.services, sum / blocks / plan.services);
      if (empty.trials() != 0) {
        throw new IllegalStateException("new statistics are not empty");
      }
    }
  }

  private static void block(Kernel kernel, Plan plan, long b, RunStats stats) {
    TrialRunner.runBlock(
        kernel, plan, b * TrialRunner.BLOCK_TRIALS, TrialRunner.BLOCK_TRIALS, stats, null);
  }
}
