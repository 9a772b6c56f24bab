package io.firedrill.model;

/**
 * Where a site hazard strikes: a whole {@link Site}, or one {@link Zone} of it. Both hold the same
 * hazards (a fire, the renewal kinds of {@link HazardKind#siteRenewals}, a cooling's ride-through
 * and trips); a hazard of the site strikes every zone of it, a hazard of a zone that zone only
 * (docs/simulation.md, "Zones").
 */
public interface Place {
  /** Its fires, or null. */
  Fire fire();

  /** Its hazard of renewal kind {@code kind} ({@code FAULT}, {@code COOLING}), or null. */
  Hazard renewal(HazardKind kind);

  /** How long the IT runs on after its cooling fails, hours (0 without cooling). */
  double coolingRideThroughHours();

  /** Probability that a loss of the site's utility trips its chillers (0 without cooling). */
  double coolingTrips();

  /** Whether it has the site hazard of {@code kind}. */
  default boolean has(HazardKind kind) {
    return kind == HazardKind.FIRE ? fire() != null : renewal(kind) != null;
  }
}
