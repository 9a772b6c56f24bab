package io.firedrill.model;

import io.firedrill.dist.Distribution;
import java.util.Objects;

/**
 * Fires at a site. An ignition is put out with no impact with probability {@code contained};
 * otherwise the site is dark for {@code dark}, then ramps linearly back to full capacity over
 * {@code restore}.
 */
public record Fire(
    Distribution timeToIgnition, double contained, Distribution dark, Distribution restore) {
  public Fire {
    Objects.requireNonNull(timeToIgnition, "timeToIgnition");
    Objects.requireNonNull(dark, "dark");
    Objects.requireNonNull(restore, "restore");
    if (!(contained >= 0 && contained <= 1)) {
      throw new IllegalArgumentException("contained is not in [0, 1]: " + contained);
    }
  }
}
