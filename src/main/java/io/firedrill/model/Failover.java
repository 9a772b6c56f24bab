package io.firedrill.model;

import io.firedrill.dist.Distribution;
import java.util.List;
import java.util.Objects;

/**
 * How a service's standby capacity joins when its active capacity falls short.
 *
 * @param time delay of the automatic path
 * @param success probability that the automatic path works when its needs are met
 * @param needs services that must be up (served at least their slo) for the automatic path
 * @param manual delay of the manual path, or null when there is none (the standby then joins only
 *     through the automatic path)
 */
public record Failover(Distribution time, double success, List<String> needs, Distribution manual) {
  public Failover {
    Objects.requireNonNull(time, "time");
    needs = List.copyOf(needs);
    if (!(success >= 0 && success <= 1)) {
      throw new IllegalArgumentException("success is not in [0, 1]: " + success);
    }
  }
}
