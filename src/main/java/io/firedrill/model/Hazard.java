package io.firedrill.model;

import io.firedrill.dist.Distribution;
import java.util.List;
import java.util.Objects;

/**
 * An alternating renewal process: up for a time to failure, down for an outage, up again; with an
 * onset, each failure's outage begins that long after the failure (docs/simulation.md, "Late
 * onset"); each failure may set off effects at sites (cascades, docs/simulation.md, "Cascades").
 *
 * @param timeToFailure exponential when the model gives a {@code rate}, else its {@code ttf}
 * @param outage how long each failure's effect lasts
 * @param onset the delay from each failure to the start of its outage, or null for none (the outage
 *     begins at the failure)
 * @param also the effects each failure sets off, in the model's order; empty for none
 * @param damage the hardware each outage damages where it strikes (faults, cooling), or null for
 *     none
 * @param repairNeeds the services its repair needs and its manual path, or null when its outages
 *     last as drawn whatever is up
 */
public record Hazard(
    Distribution timeToFailure,
    Distribution outage,
    Distribution onset,
    List<Effect> also,
    Damage damage,
    RepairNeeds repairNeeds) {
  public Hazard {
    Objects.requireNonNull(timeToFailure, "timeToFailure");
    Objects.requireNonNull(outage, "outage");
    also = List.copyOf(also);
  }

  /** A hazard whose outages begin at its failures and set off nothing else. */
  public Hazard(Distribution timeToFailure, Distribution outage) {
    this(timeToFailure, outage, null, List.of(), null, null);
  }
}
