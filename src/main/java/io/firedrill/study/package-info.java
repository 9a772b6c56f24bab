/**
 * Studies: questions answered by several runs of a model rather than one. {@link
 * io.firedrill.study.Vary} reads a {@code --vary} range and makes the points of a sweep; {@link
 * io.firedrill.study.SweepRunner} runs every point on common random numbers and estimates paired
 * differences; {@link io.firedrill.study.Sizing} searches for the smallest value meeting a {@link
 * io.firedrill.study.Target}; {@link io.firedrill.study.Fit} fits duration distributions to
 * observed durations; {@link io.firedrill.study.Explanation} and {@link io.firedrill.study.Costs}
 * say why a point came out as it did and what it costs.
 *
 * <p>Studies drive the run layer ({@code io.firedrill.run}) and return results; they print and
 * write nothing ({@code io.firedrill.report} does).
 */
package io.firedrill.study;
