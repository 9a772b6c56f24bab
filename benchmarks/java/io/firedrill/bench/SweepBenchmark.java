package io.firedrill.bench;

import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.RunStats;
import io.firedrill.study.SweepRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a sweep costs against one run of the same trials (issue 15's target: a 7-point sweep at most
 * 3 runs' cost): {@code run} is a run of the first point, {@code sweep} the sweep of every point,
 * both of {@link #TRIALS} trials on one thread, both in one JMH invocation, so the ratio of their
 * scores (milliseconds per operation) is the sweep's cost in runs.
 *
 * <p>{@code -p study=MODEL|PATH|FROM|STEP|POINTS|UNIT}: the model (a shipped name or a path without
 * {@code .yaml}), the parameter varied ({@code --vary PATH=FROM..:STEP}), the number of points and
 * what follows each value ({@code /y} for a rate, empty for a capacity). The default studies vary a
 * standby (the points share their hazards, {@link Plan#sameHazards}) and a fire's rate (every point
 * samples its own).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SweepBenchmark {
  /** Trials per operation: 8 blocks. */
  public static final int TRIALS = 8 * TrialRunner.BLOCK_TRIALS;

  @Param({
    "kakao-pangyo-2022|services.talk.standby.anyang|0|2000|7|",
    "three-site-example|services.talk.standby.north|0|2000|7|",
    "kakao-pangyo-2022|sites.pangyo.fire.rate|0.01|0.01|7|/y"
  })
  public String study;

  private List<Plan> plans;
  private TrialRunner.Options options;

  @Setup
  public void setUp() throws Exception {
    String[] s = study.split("\\|", -1);
    Path file = KernelBenchmark.modelFile(s[0]);
    double from = Double.parseDouble(s[2]);
    double step = Double.parseDouble(s[3]);
    int points = Integer.parseInt(s[4]);
    plans = new ArrayList<>();
    for (int p = 0; p < points; p++) {
      String value = Double.toString(from + p * step) + s[5];
      plans.add(Plan.compile(ModelLoader.load(file, List.of(s[1] + "=" + value)).model()));
    }
    options = new TrialRunner.Options(TRIALS, 42, 1, 0, false);
  }

  /** A run of the first point. */
  @Benchmark
  public RunStats run() throws Exception {
    return TrialRunner.run(plans.get(0), options);
  }

  /** The sweep of every point on common random numbers. */
  @Benchmark
  public SweepRunner.Result sweep() throws Exception {
    return SweepRunner.run(plans, options, null);
  }
}
