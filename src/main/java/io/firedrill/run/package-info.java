/**
 * Many trials: cuts a run into blocks of trials (each trial's random numbers keyed by its number),
 * has a {@link io.firedrill.run.BlockScheduler} compute the blocks (on local threads, {@link
 * io.firedrill.run.LocalScheduler}), merges their statistics strictly in block order, reports
 * progress and stops when the caller's {@link io.firedrill.run.Cancellation} token is cancelled.
 * Runs one after another over the same trials and hazards (the points of a {@code size} search) can
 * share one sampling of the hazards through a {@link io.firedrill.run.HazardCache}.
 *
 * <p>One trial is the engine's ({@code io.firedrill.engine.Kernel}); what a run accumulates is
 * {@code io.firedrill.stats}. Nothing here depends on how results are reported or which study asked
 * for them.
 */
package io.firedrill.run;
