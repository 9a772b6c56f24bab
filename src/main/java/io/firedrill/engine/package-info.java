/**
 * One trial of a compiled plan: the trial kernel ({@link io.firedrill.engine.Kernel}), exact,
 * allocation-free per trial, one per worker.
 *
 * <p>The kernel is a short facade over one final class per seam of a trial, each over primitive
 * arrays and testable on its own, in the order a trial passes through them:
 *
 * <ol>
 *   <li><b>Sampling.</b> {@code Hazards} samples every hazard up to the horizon, each from its own
 *       random substream ({@code StreamKeys}: keyed by run seed, trial, source id and draw number,
 *       so that no hazard's draws depend on another's), with one sampler per hazard effect ({@code
 *       plan.HazardEffect}), chosen in {@code Hazards} alone: {@code RenewalHazards} (one loop for
 *       every alternating renewal process: grids, networks, site faults, cooling failures), {@code
 *       FireHazards} (dark then a ramp). They draw through {@code HazardDraws} (the samplers on the
 *       hazard and power streams, the event count, the stationary start) and share effects: {@code
 *       PowerLoss} (UPS, generator, restart, a restart curve, a grid's surge), loss of every
 *       network ({@code SiteTimelines.unreachable}) and the traffic's return after it ({@code
 *       Reconnects}), effects at other sites ({@code Cascades}) and damaged hardware ({@code
 *       Damages}, folded into each unit's ramps by {@code SiteTimelines.foldDamage}). {@code
 *       ScenarioForcing} says which hazard a scenario forces and how the others behave. {@code
 *       RepairDecisions}: the path (automatic or manual) of each outage whose repair needs
 *       services, settled over rounds of sampling and sweeping.
 *   <li><b>Timelines.</b> {@code SiteTimelines}: interval lists ({@code IntervalBuffer}) per
 *       network and site, combined into each site's blocked intervals, each tagged with the cause
 *       that began it, and its ramps (restores, restarts along a curve, reconnects, repairs of
 *       damaged hardware), the lowest of them where several are under way.
 *   <li><b>Event queue.</b> {@code EventQueue}: their boundaries in time order, ties in the order
 *       they were added (each site's runs merged, in time linear in the events); {@code JoinQueue},
 *       the pending standbys by the time they join.
 *   <li><b>Capacity and failover state.</b> {@code CapacityState}: site capacity factors, service
 *       capacities (each placement's factor in its unit's restoration order), failovers (each on
 *       its own substream) and served fractions between two events, computed again at an instant
 *       only for the services it can change; {@code RecoveryLags}, the holds that recovery lags of
 *       {@code requires} put on served fractions.
 *   <li><b>Integration.</b> {@code Cuts} says which services an instant can change; {@code
 *       Integration} integrates each service's user-hours over its own windows between them, in
 *       closed form or by exact Gauss–Legendre quadrature ({@code GaussLegendre}), and finds slo
 *       crossings by bisection.
 *   <li><b>Accounting.</b> {@code OutageAccounting}: outages, the cause of each drop, downtime,
 *       degraded time, rto breaches, per-cause sums, scenario recovery; {@code DataLoss}: the data
 *       a failover away from a down primary, or its destroyed hardware, loses against the latest
 *       surviving copy (replica, backups).
 *   <li><b>Curves.</b> {@code Curves}: served fractions and capacities at fixed times, for
 *       scenarios' recovery curves.
 * </ol>
 *
 * <p>docs/simulation.md defines what a trial computes. The engine runs one trial at a time; the
 * {@code run} package runs kernels over blocks of trials on threads and merges their statistics.
 */
package io.firedrill.engine;
