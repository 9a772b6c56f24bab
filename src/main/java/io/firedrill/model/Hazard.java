package io.firedrill.model;

import io.firedrill.dist.Distribution;
import io.firedrill.dist.Exponential;
import io.firedrill.dist.Never;
import io.firedrill.dist.Units;
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

  /** {@code 0.5/y} for a rate, {@code ttf weibull(...)} otherwise. */
  public String describeFailures() {
    return describeFailures(timeToFailure);
  }

  static String describeFailures(Distribution ttf) {
    if (ttf instanceof Never) {
      return "0/y (never on its own)";
    }
    return ttf instanceof Exponential e ? Units.formatRate(1 / e.mean()) : "ttf " + ttf.syntax();
  }
}
