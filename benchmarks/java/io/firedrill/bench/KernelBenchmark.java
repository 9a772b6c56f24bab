package io.firedrill.bench;

import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.RunStats;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot sampling loop: trials of a model on one worker, with the statistics they feed, exactly as
 * the runner calls them ({@link TrialRunner#runTrials}): each block into statistics cleared for it
 * ({@link RunStats#clear}), as the runner reuses a merged block's.
 *
 * <p>One operation is one trial, so the score is trials per second on one core, and with {@code
 * -prof gc} {@code gc.alloc.rate.norm} is bytes allocated per trial. Both shipped models have a
 * one-year horizon, so trials per second are trial-years per second. {@code -p model=PATH} (a path
 * without {@code .yaml}, such as {@code benchmarks/models/two-of-three}) runs any other model:
 * benchmarks/scaling runs the 2-of-3 model and the generated models of {@link ScalingModels}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class KernelBenchmark {
  @Param({"three-site-example", "kakao-pangyo-2022"})
  public String model;

  /**
   * The model's horizon ({@code model}: as the file says), or a duration that replaces it ({@code
   * -p horizon=1y,10y,100y}, as {@code --set horizon=...} would): a trial is then that many years,
   * for the cost per trial-year as the horizon grows.
   */
  @Param({"model"})
  public String horizon;

  private Plan plan;
  private Kernel kernel;
  private RunStats stats;
  private long first;

  @Setup
  public void setUp() throws Exception {
    List<String> set = horizon.equals("model") ? List.of() : List.of("horizon=" + horizon);
    plan = Plan.compile(ModelLoader.load(modelFile(model), set).model());
    kernel = new Kernel(plan, 42);
    stats = new RunStats(plan, 0);
  }

  /**
   * The file of benchmark model {@code model}: a bare name is a shipped model ({@code
   * models/NAME.yaml}), a path ({@code benchmarks/models/two-of-three}) is taken as it is, with
   * {@code .yaml}.
   */
  public static Path modelFile(String model) {
    return model.contains("/") ? Path.of(model + ".yaml") : Path.of("models", model + ".yaml");
  }

  /** One block of trials: JMH divides by the block size, so the score is per trial. */
  @Benchmark
  @OperationsPerInvocation(TrialRunner.BLOCK_TRIALS)
  public RunStats trials() {
    stats.clear(0);
    TrialRunner.runTrials(kernel, plan, first, TrialRunner.BLOCK_TRIALS, stats, null);
    first += TrialRunner.BLOCK_TRIALS;
    return stats;
  }
}
