/**
 * The model compiled for the kernel: {@link io.firedrill.plan.Plan} holds sites, grids, networks,
 * services and hazards as primitive arrays indexed by id, in dependency order, with the cause ids
 * that outputs name ({@code fire@S}, {@code grid@G}, ...): one hazard table, each hazard with the
 * effect its kind has ({@link io.firedrill.plan.HazardEffect}), which chooses the engine's sampler.
 * Compiling checks the limits a trial must respect (sizes of the requires closure, events per
 * trial) before anything runs.
 */
package io.firedrill.plan;
