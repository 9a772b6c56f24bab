package io.firedrill.model;

import java.util.Map;
import java.util.Objects;

/**
 * A part of a site: a hall, a room, a power path. It holds a share of the site's capacity, and its
 * own hazards strike it alone; the site's hazards strike every zone (docs/simulation.md, "Zones").
 * Its name inside the model is {@code SITE/ZONE} ({@link #path}).
 *
 * @param share its part of the site's capacity, in [0, 1]: a placement on the site puts this share
 *     of its capacity here; the shares of a site's zones add up to 1
 * @param singleCorded whether its IT is on utility power only (not on the site's UPS or generator):
 *     it loses power at every loss of the site's utility
 * @param fire its own fires, or null
 * @param renewals its own faults and cooling failures, by kind ({@link HazardKind#siteRenewals})
 * @param coolingRideThroughHours the ride-through of its own cooling (0 without)
 * @param coolingTrips probability that a loss of the site's utility trips its own chillers (0
 *     without cooling)
 */
public record Zone(
    String name,
    double share,
    boolean singleCorded,
    Fire fire,
    Map<HazardKind, Hazard> renewals,
    double coolingRideThroughHours,
    double coolingTrips)
    implements Place {

  public Zone {
    Objects.requireNonNull(name, "name");
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share is not in [0, 1]: " + share);
    }
    renewals = Site.siteRenewals(renewals);
    Site.checkCooling(coolingRideThroughHours, coolingTrips);
  }

  @Override
  public Hazard renewal(HazardKind kind) {
    return renewals.get(kind);
  }

  /** Its name in the model, {@code SITE/ZONE}: in placements, effects and hazard names. */
  public static String path(String site, String zone) {
    return site + "/" + zone;
  }

  /**
   * The site of a place's name ({@code pangyo} of {@code pangyo/battery}, or of {@code pangyo}).
   */
  public static String siteOf(String place) {
    int slash = place.indexOf('/');
    return slash < 0 ? place : place.substring(0, slash);
  }
}
