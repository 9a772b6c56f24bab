package io.firedrill.model;

import java.util.Objects;

/**
 * Capacity units of a service at one site, or at one zone of it.
 *
 * @param site where: a site's name (spread over its zones by share), or a zone's, {@code SITE/ZONE}
 *     ({@link Zone#path})
 */
public record Placement(String site, double capacity) {

  /** The site it is at: {@link #site} without its zone. */
  public String siteName() {
    return Zone.siteOf(site);
  }

  public Placement {
    Objects.requireNonNull(site, "site");
    if (!(capacity >= 0) || !Double.isFinite(capacity)) {
      throw new IllegalArgumentException("capacity is negative or not finite: " + capacity);
    }
  }
}
