package io.firedrill.model;

import java.util.Objects;

/** Capacity units of a service at one site. */
public record Placement(String site, double capacity) {
  public Placement {
    Objects.requireNonNull(site, "site");
    if (!(capacity >= 0) || !Double.isFinite(capacity)) {
      throw new IllegalArgumentException("capacity is negative or not finite: " + capacity);
    }
  }
}
