/**
 * Statistics of many trials: mergeable accumulators (tallies with confidence intervals, log
 * histograms for quantiles, recovery curves) and {@link io.firedrill.stats.RunStats}, everything
 * one block of trials accumulates, merged block by block into the run's.
 *
 * <p>Statistics know the plan's sizes (services, causes, horizon) and nothing of how trials are
 * simulated or run: the engine and the run layer feed them.
 */
package io.firedrill.stats;
