package io.firedrill.run;

import io.firedrill.engine.Kernel;
import io.firedrill.plan.Plan;
import io.firedrill.stats.RunStats;

/**
 * One worker's trials of one plan, a trial at a time, for drivers that interleave several plans on
 * the same trials (the sweep runner: every point of a sweep on common random numbers): a kernel,
 * forced for the scenario if there is one, whose outages and per-cause totals go to a block's
 * statistics and whose per-trial values the driver reads.
 *
 * <p>Per block: {@link #startBlock}, then per trial {@link #run} and {@link #values}, then {@link
 * #endBlock}. A worker belongs to one thread; it is made by the block scheduler's worker factory.
 */
public final class TrialWorker {
  private final Kernel kernel;
  private final boolean scenario;
  private final int services;

  /**
   * A worker for trials of {@code plan} in a run seeded with {@code seed}; {@code scenario} is null
   * for a time-horizon run.
   */
  public TrialWorker(Plan plan, long seed, TrialRunner.Scenario scenario) {
    this(plan, seed, scenario, null);
  }

  /**
   * As {@link #TrialWorker(Plan, long, TrialRunner.Scenario)}, but sweeping the hazards that {@code
   * source} (a worker of the same seed and scenario whose plan has the same hazards, {@link
   * Plan#sameHazards}) sampled: run {@code source}'s trial first, then this worker's (see {@link
   * Kernel#Kernel(Plan, long, Kernel)}). {@code source} may be null: this worker samples its own.
   *
   * @throws IllegalArgumentException if {@code source} borrows its hazards itself or its plan's
   *     hazards differ
   */
  public TrialWorker(Plan plan, long seed, TrialRunner.Scenario scenario, TrialWorker source) {
    kernel = new Kernel(plan, seed, source == null ? null : source.kernel);
    if (scenario != null && source == null) {
      scenario.forceOn(kernel, plan); // a worker that borrows hazards is forced as its source
    }
    this.scenario = scenario != null;
    this.services = plan.services;
  }

  /** Starts a block: per-cause totals from zero, outages recorded into {@code stats}. */
  public void startBlock(RunStats stats) {
    TrialRunner.startBlock(kernel, stats);
  }

  /**
   * Runs trial number {@code trial} of the run on its own substreams ({@link TrialRunner},
   * "Reproducibility"); true if something happened (the kernel swept the trial).
   */
  public boolean run(long trial) {
    return kernel.run(trial);
  }

  /**
   * The last trial's values: {@code v[a * TrialRunner.METRICS + m]} for service a (dependency
   * order) and metric m, then at service index {@code services} the totals over services; {@code v}
   * holds {@code (services + 1) × TrialRunner.METRICS} values. {@code swept} is what {@link #run}
   * returned.
   */
  public void values(boolean swept, double[] v) {
    TrialRunner.trialValues(kernel, swept, scenario, services, v);
    TrialRunner.sumTotals(v, services);
  }

  /** Ends a block: the per-cause totals and failover counts of its trials go to {@code stats}. */
  public void endBlock(RunStats stats) {
    TrialRunner.endBlock(kernel, stats);
  }
}
