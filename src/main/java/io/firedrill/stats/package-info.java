/**
 * Mergeable accumulators of trial results: per service and metric a {@link
 * io.firedrill.stats.Tally} (count, exact sums, mean, variance, confidence intervals) and a {@link
 * io.firedrill.stats.LogHistogram} (quantiles), recovery curves ({@link
 * io.firedrill.stats.CurveStats}), per-cause sums and the first outages ({@link
 * io.firedrill.stats.RunStats}).
 *
 * <p>One job: turn trials into figures that do not depend on how blocks of trials were grouped.
 * Every accumulator merged across blocks is an integer count or an exact sum ({@link
 * io.firedrill.stats.ExactSum}), so blocks merged in any order or grouping give the same bits;
 * floating point is rounded only within a block, in trial order, and once when a figure is read
 * (docs/outputs.md, "Exact accumulation").
 */
package io.firedrill.stats;
