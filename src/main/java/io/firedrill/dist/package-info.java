/**
 * Numbers, durations and distributions as a user writes them: the number and unit syntax shared by
 * model files and options ({@code 2.5K}, {@code 90m}, {@code 0.5/y}), the duration distributions
 * ({@code lognormal(median=40m, p90=4h)}, Weibull, gamma, ...) with their samplers, means and
 * length-biased (stationary) forms, and the bounded, escaped quoting of user text in messages.
 */
package io.firedrill.dist;
