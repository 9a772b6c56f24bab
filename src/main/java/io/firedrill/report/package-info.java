/**
 * Reporting: turns results into what a user reads, one writer per output file of docs/outputs.md
 * ({@link io.firedrill.report.SummaryCsv}, {@link io.firedrill.report.CausesCsv}, {@link
 * io.firedrill.report.OutagesCsv}, {@link io.firedrill.report.TrialsCsv}, {@link
 * io.firedrill.report.RecoveryCsv}, {@link io.firedrill.report.SitesCsv}, {@link
 * io.firedrill.report.RunJson}, {@link io.firedrill.report.SweepCsv}, {@link
 * io.firedrill.report.SizeCsv}, and the chart families drawn through {@link
 * io.firedrill.report.Charts}), the console tables, and the output folder replaced as a whole
 * ({@link io.firedrill.report.AtomicFiles}).
 *
 * <p>Every number goes through {@link io.firedrill.report.Numbers}, so files are the same bytes for
 * the same results. Reporting reads the statistics ({@code io.firedrill.stats}) and the results of
 * studies ({@code io.firedrill.study}); it runs no trial.
 */
package io.firedrill.report;
