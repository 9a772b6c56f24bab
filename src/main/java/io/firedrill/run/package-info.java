/**
 * Many trials: cuts a run into blocks of trials, gives each block its own random stream, has a
 * {@link io.firedrill.run.BlockScheduler} compute the blocks (on local threads, {@link
 * io.firedrill.run.LocalScheduler}), merges their statistics strictly in block order, and reports
 * progress.
 *
 * <p>One trial is the engine's ({@code io.firedrill.engine.Kernel}); what a run accumulates is
 * {@code io.firedrill.stats}. Nothing here depends on how results are reported or which study asked
 * for them.
 */
package io.firedrill.run;
