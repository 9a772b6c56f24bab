package io.firedrill.model;

import io.firedrill.dist.Distribution;
import java.util.Objects;

/**
 * An alternating renewal process: up for a time to failure, down for an outage, up again.
 *
 * @param timeToFailure exponential when the model gives a {@code rate}, else its {@code ttf}
 * @param outage how long each failure lasts
 */
public record Hazard(Distribution timeToFailure, Distribution outage) {
  public Hazard {
    Objects.requireNonNull(timeToFailure, "timeToFailure");
    Objects.requireNonNull(outage, "outage");
  }
}
