package io.firedrill.model;

import java.util.Objects;

/**
 * A common-cause event, declared under {@code common_cause}: a renewal process (its failures,
 * outages and onset) that strikes only the sites its effects name ({@link Hazard#also}), each with
 * its own effect, delay, outage and probability (docs/simulation.md, "Cascades").
 *
 * @param name its name, the target of {@code common@NAME}
 * @param hazard its failures and effects; {@code hazard.also()} is not empty
 */
public record CommonCause(String name, Hazard hazard) {
  public CommonCause {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hazard, "hazard");
    if (hazard.also().isEmpty()) {
      throw new IllegalArgumentException("a common-cause event needs effects: " + name);
    }
  }
}
