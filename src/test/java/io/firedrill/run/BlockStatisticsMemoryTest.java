package io.firedrill.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.engine.AllocationCounter;
import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.stats.LogHistogram;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A block's statistics are cleared and reused once merged (issue 15, item 3): reused statistics
 * read and merge to the same bits as new ones; a run that reuses them gives the statistics and
 * per-trial rows of blocks merged from new ones; a warm block allocates nothing; and a block of a
 * model whose services are mostly quiet costs a few KiB per service, not a bucket array per metric.
 * Every comparison is exact (the trials are fixed by the seed), so none can fail by chance.
 */
class BlockStatisticsMemoryTest {
  private static final long SEED = 20261202L;
  private static final int N = TrialRunner.BLOCK_TRIALS;

  private static Plan model(String file) throws Exception {
    return Plan.compile(ModelLoader.load(Path.of(file), List.of()).model());
  }

  /** Block b of {@code plan} into {@code stats}, as the runner computes it. */
  private static void block(Kernel k, Plan plan, long b, RunStats stats) {
    TrialRunner.runBlock(k, plan, b * N, N, stats, null);
  }

  /** Every figure the reports read from {@code s}, each value in its exact decimal form. */
  private static String readout(RunStats s) {
    StringBuilder b = new StringBuilder().append(s.trials()).append('\n');
    double[] levels = {0, 0.1, 0.5, 0.9, 0.99, 0.999, 1};
    for (int a = 0; a <= s.services(); a++) {
      for (Metric m : Metric.values()) {
        if (a == s.services() && !m.hasTotal()) {
          continue;
        }
        MetricStats x = a < s.services() ? s.metric(a, m) : s.total(m);
        b.append(a).append(' ').append(m).append(' ').append(x.count());
        b.append(' ').append(x.mean()).append(' ').append(x.tally().variance());
        b.append(' ').append(x.max());
        for (double q : levels) {
          b.append(' ').append(x.quantile(q));
        }
        b.append(' ').append(java.util.Arrays.toString(x.interval95())).append('\n');
      }
      if (a < s.services()) {
        LogHistogram d = s.outageDurations(a);
        b.append("durations ").append(d.count());
        for (double q : levels) {
          b.append(' ').append(d.quantile(q));
        }
        b.append('\n');
      }
    }
    b.append(java.util.Arrays.toString(s.causeOutages)).append('\n');
    b.append(java.util.Arrays.toString(s.causeDowntime)).append('\n');
    b.append(java.util.Arrays.toString(s.causeUserHours)).append('\n');
    b.append(java.util.Arrays.toString(s.failovers)).append('\n');
    RunStats.OutageList o = s.outages;
    for (int i = 0; i < o.size(); i++) {
      b.append(o.trial[i]).append(' ').append(o.service[i]).append(' ').append(o.cause[i]);
      b.append(' ').append(o.start[i]).append(' ').append(o.end[i]).append(' ');
      b.append(o.userHours[i]).append('\n');
    }
    return b.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "models/three-site-example.yaml",
        "models/kakao-pangyo-2022.yaml",
        "benchmarks/models/scaling/s5-a20.yaml"
      })
  void clearedStatistics_readAndMergeAsNewOnes(String file) throws Exception {
    Plan plan = model(file);
    Kernel k = new Kernel(plan, SEED);
    // Blocks 0 and 1 into new statistics; block 0, cleared, then block 1 into the same ones.
    RunStats first = new RunStats(plan, 500);
    block(k, plan, 0, first);
    RunStats second = new RunStats(plan, 500);
    block(k, plan, 1, second);
    RunStats reused = new RunStats(plan, 500);
    block(k, plan, 0, reused);
    RunStats merged = new RunStats(plan, 500);
    merged.merge(reused); // a merged block is what the runner clears
    reused.clear(500);
    block(k, plan, 1, reused);
    assertEquals(readout(second), readout(reused), file + ": block 1 into cleared statistics");
    RunStats fresh = new RunStats(plan, 500);
    fresh.merge(first);
    fresh.merge(second);
    merged.merge(reused);
    assertEquals(readout(fresh), readout(merged), file + ": blocks 0 and 1 merged");
  }

  @Test
  void runReusingBlocks_equalsBlocksMergedFromNewStatistics() throws Exception {
    Plan plan = model("models/kakao-pangyo-2022.yaml");
    int blocks = 9;
    List<double[]> rows = new ArrayList<>();
    RunStats run =
        TrialRunner.run(
            plan,
            new TrialRunner.Options((long) blocks * N - 100, SEED, 2, 400, true),
            (first, count, values) ->
                rows.add(
                    java.util.Arrays.copyOf(values, count * plan.services * TrialRunner.METRICS)),
            null);
    Kernel k = new Kernel(plan, SEED);
    RunStats expected = new RunStats(plan, 400);
    for (int b = 0; b < blocks; b++) {
      int count = b < blocks - 1 ? N : N - 100;
      RunStats s = new RunStats(plan, 400);
      double[] values = new double[count * plan.services * TrialRunner.METRICS];
      TrialRunner.runBlock(k, plan, (long) b * N, count, s, values);
      expected.merge(s);
      assertTrue(java.util.Arrays.equals(values, rows.get(b)), "rows of block " + b);
    }
    assertEquals(readout(expected), readout(run));
  }

  @Test
  void warmBlock_allocatesNothing() throws Exception {
    com.sun.management.ThreadMXBean mx = AllocationCounter.get();
    Plan plan = model("models/kakao-pangyo-2022.yaml");
    Kernel k = new Kernel(plan, SEED);
    RunStats stats = new RunStats(plan, 100);
    for (int round = 0; round < 3; round++) {
      for (int b = 0; b < 8; b++) {
        stats.clear(100);
        block(k, plan, b, stats);
      }
    }
    long thread = Thread.currentThread().getId();
    long least = Long.MAX_VALUE;
    // The same 8 blocks again need no new capacity. The JIT may allocate a few bytes once while it
    // recompiles, so the least of three measurements counts; a per-block allocation shows in all.
    for (int attempt = 0; attempt < 3; attempt++) {
      long before = mx.getThreadAllocatedBytes(thread);
      for (int b = 0; b < 8; b++) {
        stats.clear(100);
        block(k, plan, b, stats);
      }
      least = Math.min(least, mx.getThreadAllocatedBytes(thread) - before);
    }
    // One outage-log handle per block (a lambda, 16 to 24 bytes): 8 blocks stay under 1 KiB.
    assertTrue(least <= 1024, "8 warm blocks allocated " + least + " bytes");
  }

  @Test
  void quietServices_costAFewKibPerServicePerBlock() throws Exception {
    com.sun.management.ThreadMXBean mx = AllocationCounter.get();
    // 200 services active on two sites: a service is down only when both sites are, about one
    // trial in a hundred, so most of each block's values are zeros.
    Plan plan = model("benchmarks/models/quiet-200.yaml");
    Kernel k = new Kernel(plan, SEED);
    for (int b = 0; b < 4; b++) {
      block(k, plan, b, new RunStats(plan, 0)); // the kernel warm: it allocates nothing after
    }
    long thread = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(thread);
    RunStats empty = new RunStats(plan, 0);
    long emptyBytes = mx.getThreadAllocatedBytes(thread) - before;
    before = mx.getThreadAllocatedBytes(thread);
    RunStats stats = new RunStats(plan, 0);
    block(k, plan, 4, stats);
    long blockBytes = mx.getThreadAllocatedBytes(thread) - before;
    long withValues = 0;
    for (int a = 0; a < plan.services; a++) {
      withValues += stats.metric(a, Metric.DOWNTIME_H).count() - quietCount(stats, a);
    }
    System.out.printf(
        "quiet model: empty statistics %d B, a block %d B (%d B per service); %d values%n",
        emptyBytes, blockBytes, blockBytes / plan.services, withValues);
    assertTrue(withValues > 0, "the block has outages");
    assertEquals(0, empty.trials());
    // Each service's sketches (13 metrics and the outage durations) list their values, at most
    // SPARSE_LIMIT ints each: the block costs at most that over the empty statistics. A bucket
    // array per sketch (about 3.4 KB a decade the values span) would cost several times this.
    long bound = emptyBytes + plan.services * 14L * (4L * LogHistogram.SPARSE_LIMIT + 16);
    assertTrue(blockBytes <= bound, blockBytes + " bytes > " + bound);
  }

  private static long quietCount(RunStats s, int service) {
    return s.metric(service, Metric.DOWNTIME_H).histogram().countAtMost(0);
  }
}
