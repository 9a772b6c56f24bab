package io.firedrill.model;

import io.firedrill.dist.Distribution;
import java.util.List;
import java.util.Objects;

/**
 * A hazard whose repair needs services (docs/simulation.md, "Repair that needs services"): each of
 * its outages lasts its {@code outage} when every service in {@code services} is up (served at
 * least its slo) at the outage's start, else {@code manual}, the slower manual path (the engineers
 * locked out by the outage they must repair), exactly as a failover's {@code needs} choose between
 * its automatic and manual paths.
 *
 * @param services the names of the services the repair needs, at least one
 * @param manual how long an outage lasts when one of them is down at its start, hours as drawn
 *     (staff work: the model's staffing scales it)
 */
public record RepairNeeds(List<String> services, Distribution manual) {
  public RepairNeeds {
    services = List.copyOf(services);
    Objects.requireNonNull(manual, "manual");
    if (services.isEmpty()) {
      throw new IllegalArgumentException("services is empty: a repair needs at least one");
    }
  }
}
