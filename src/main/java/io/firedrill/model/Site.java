package io.firedrill.model;

import io.firedrill.dist.Distribution;
import java.util.List;
import java.util.Objects;

/**
 * A data center. Optional parts are null when the model leaves them out: no grid means no utility
 * outages, no generator means the UPS is all there is, no restart means capacity returns the moment
 * power does.
 *
 * @param grid the name of its utility supply, or null
 * @param networks the names of its networks; empty means always reachable
 * @param reconvergeHours how long traffic is lost while it moves to a surviving network
 * @param upsHours battery ride-through
 */
public record Site(
    String name,
    String grid,
    List<String> networks,
    double reconvergeHours,
    double upsHours,
    Generator generator,
    Distribution restart,
    Fire fire,
    Hazard fault) {
  public Site {
    Objects.requireNonNull(name, "name");
    networks = List.copyOf(networks);
    if (!(reconvergeHours >= 0) || !(upsHours >= 0)) {
      throw new IllegalArgumentException(
          "reconvergeHours or upsHours is negative: " + reconvergeHours + ", " + upsHours);
    }
  }
}
