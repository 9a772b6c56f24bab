package io.firedrill.model;

import io.firedrill.dist.Distribution;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A data center. Optional parts are null when the model leaves them out: no grid means no utility
 * outages, no generator means the UPS is all there is, no restart means capacity returns the moment
 * power does.
 *
 * @param grids the names of its utility feeds (docs/simulation.md, "Power"); empty means no utility
 *     outages
 * @param feedsNeeded how many feeds must be up for the site to have utility: it is lost while more
 *     than {@code grids.size() − feedsNeeded} are out; from 1 to the number of feeds (1 without a
 *     grid)
 * @param networks the names of its networks; empty means always reachable
 * @param reconvergeHours how long traffic is lost while it moves to a surviving network
 * @param networkMode how traffic uses the networks: shared by all that are up, or through the first
 *     one up in list order
 * @param upsHours battery ride-through
 * @param fire its fires, or null
 * @param renewals its hazards that are plain alternating renewal processes, by kind ({@link
 *     HazardKind#siteRenewals}: a fault, a cooling failure); a kind left out is absent
 * @param coolingRideThroughHours how long the IT runs on after its cooling fails: a cooling failure
 *     shuts the site down only past it (0 without cooling)
 * @param coolingTrips probability that a loss of utility at the site trips its chillers, a cooling
 *     failure then (0 without cooling)
 * @param zones its zones (halls, rooms, power paths), each with a share of its capacity, the shares
 *     adding up to 1 (within {@link #SHARE_TOLERANCE}); empty for a site that is one room
 * @param restartCurve how capacity returns over each restart: points (fraction of the restart time,
 *     capacity) from (0, c0) to (1, 1), capacity rising or falling, linear in between, at most
 *     {@link Fire.CurvePoint#MAX_POINTS}; empty for a step (nothing until the restart is over)
 * @param reconnect the time over which traffic returns, linearly, once the site is reachable again
 *     after all its networks were down, or null for at once
 */
public record Site(
    String name,
    List<String> grids,
    int feedsNeeded,
    List<String> networks,
    double reconvergeHours,
    double upsHours,
    Generator generator,
    Distribution restart,
    Fire fire,
    Map<HazardKind, Hazard> renewals,
    NetworkMode networkMode,
    double coolingRideThroughHours,
    double coolingTrips,
    List<Zone> zones,
    List<Fire.CurvePoint> restartCurve,
    Distribution reconnect)
    implements Place {

  /**
   * How a site with several networks uses them (docs/simulation.md, "Reachability").
   *
   * <p>{@code SHARED}: traffic is spread over every network that is up; when any of them fails
   * while another is up, the flows move and the site is cut off for {@code reconverge}. {@code
   * PRIMARY}: traffic goes through the first network in the list that is up; only the failure of
   * that network moves it (with the blip), and a preferred network's return moves it back without
   * loss.
   */
  public enum NetworkMode {
    SHARED,
    PRIMARY
  }

  public Site {
    Objects.requireNonNull(networkMode, "networkMode");
    Objects.requireNonNull(name, "name");
    grids = List.copyOf(grids);
    if (feedsNeeded < 1 || feedsNeeded > Math.max(1, grids.size())) {
      throw new IllegalArgumentException(
          "feedsNeeded is not between 1 and the number of feeds: " + feedsNeeded + ", " + grids);
    }
    networks = List.copyOf(networks);
    renewals = siteRenewals(renewals);
    zones = List.copyOf(zones);
    restartCurve = List.copyOf(restartCurve);
    if (restartCurve.size() > Fire.CurvePoint.MAX_POINTS) {
      throw new IllegalArgumentException("a restart curve of " + restartCurve.size() + " points");
    }
    if (zones.size() > MAX_ZONES) {
      throw new IllegalArgumentException("more than " + MAX_ZONES + " zones: " + zones.size());
    }
    if (!zones.isEmpty()) {
      double sum = 0;
      for (Zone z : zones) {
        sum += z.share();
      }
      if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
        throw new IllegalArgumentException("the zones' shares do not add up to 1: " + sum);
      }
    }
    checkCooling(coolingRideThroughHours, coolingTrips);
    if (!(reconvergeHours >= 0) || !(upsHours >= 0)) {
      throw new IllegalArgumentException(
          "reconvergeHours or upsHours is negative: " + reconvergeHours + ", " + upsHours);
    }
  }

  /**
   * Most zones a site may have: real sites have tens of halls and rooms, and a site's capacity is
   * summed over its zones at every instant of a trial (docs/limits.md).
   */
  public static final int MAX_ZONES = 1000;

  /** How far the shares of a site's zones may add up from 1 (rounding of decimal shares). */
  public static final double SHARE_TOLERANCE = 1e-9;

  /**
   * An immutable copy of {@code renewals} in cause order (an EnumMap).
   *
   * @throws IllegalArgumentException if it holds a kind that is not a site renewal, or a null
   */
  static Map<HazardKind, Hazard> siteRenewals(Map<HazardKind, Hazard> renewals) {
    EnumMap<HazardKind, Hazard> byKind = new EnumMap<>(HazardKind.class);
    for (Map.Entry<HazardKind, Hazard> e : renewals.entrySet()) {
      if (!e.getKey().isRenewal() || e.getKey().scope() != HazardKind.Scope.SITE) {
        throw new IllegalArgumentException(
            "renewals holds a kind that is not a site renewal: " + e);
      }
      byKind.put(e.getKey(), Objects.requireNonNull(e.getValue(), "renewals value"));
    }
    return Collections.unmodifiableMap(byKind);
  }

  /**
   * Checks a cooling's ride-through (hours, at least 0) and trips (a probability).
   *
   * @throws IllegalArgumentException if either is out of its range
   */
  static void checkCooling(double coolingRideThroughHours, double coolingTrips) {
    if (!(coolingRideThroughHours >= 0) || !(coolingTrips >= 0 && coolingTrips <= 1)) {
      throw new IllegalArgumentException(
          "coolingRideThroughHours is negative or coolingTrips is not in [0, 1]: "
              + coolingRideThroughHours
              + ", "
              + coolingTrips);
    }
  }

  /** The zone called {@code name}, or null. */
  public Zone zone(String name) {
    return zones.stream().filter(z -> z.name().equals(name)).findFirst().orElse(null);
  }

  /** The site's hazard of renewal kind {@code kind} ({@code FAULT}, {@code COOLING}), or null. */
  @Override
  public Hazard renewal(HazardKind kind) {
    return renewals.get(kind);
  }
}
