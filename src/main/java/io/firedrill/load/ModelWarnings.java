package io.firedrill.load;

import io.firedrill.dist.Units;
import io.firedrill.load.ModelSchema.FailoverKeys;
import io.firedrill.load.ModelSchema.ServiceKeys;
import io.firedrill.load.ModelSchema.SiteKeys;
import io.firedrill.load.yaml.Node;
import io.firedrill.load.yaml.Origin;
import io.firedrill.model.Effect;
import io.firedrill.model.Grid;
import io.firedrill.model.Model;
import io.firedrill.model.Network;
import io.firedrill.model.Placement;
import io.firedrill.model.Service;
import io.firedrill.model.Site;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings about a valid model that do not stop a run (docs/model-format.md, "Warnings"): parts
 * that nothing uses, parts that can never act, and a standby too small to restore its service.
 *
 * <p>Each warning is placed at the key of the declaration it concerns, which the binder passes in
 * as the entries of the named sections.
 */
final class ModelWarnings {
  private final List<ModelWarning> found = new ArrayList<>();

  private ModelWarnings() {}

  /**
   * The warnings about {@code m}, in the order found (the caller sorts them into file order).
   *
   * @param grids the entries of {@code grids}, by name; likewise the others
   */
  static List<ModelWarning> find(
      Model m,
      Map<String, Node.Mapping.Entry> grids,
      Map<String, Node.Mapping.Entry> networks,
      Map<String, Node.Mapping.Entry> sites,
      Map<String, Node.Mapping.Entry> services) {
    ModelWarnings w = new ModelWarnings();
    w.unused(m, grids, networks, sites);
    w.idle(m, sites, services);
    w.standby(m, services);
    return w.found;
  }

  /** A site with no placement, a grid that feeds no site, a network no site lists. */
  private void unused(
      Model m,
      Map<String, Node.Mapping.Entry> grids,
      Map<String, Node.Mapping.Entry> networks,
      Map<String, Node.Mapping.Entry> sites) {
    Set<String> placed = new LinkedHashSet<>();
    for (Service s : m.services()) {
      s.deploy().forEach(p -> placed.add(p.siteName()));
      s.standby().forEach(p -> placed.add(p.siteName()));
      if (s.data() != null) {
        // A site that holds a copy of a service's data (or its primary) is used.
        for (String place :
            new String[] {s.data().primary(), s.data().replica(), s.data().backup()}) {
          if (place != null) {
            placed.add(io.firedrill.model.Zone.siteOf(place));
          }
        }
      }
    }
    for (Site s : m.sites()) {
      if (!placed.contains(s.name())) {
        warn(
            sites.get(s.name()).keyOrigin(),
            "sites." + s.name(),
            "no service is deployed, on standby or keeps data here");
      }
    }
    Set<String> fed = new HashSet<>();
    Set<String> listed = new HashSet<>();
    for (Site s : m.sites()) {
      fed.addAll(s.grids());
      listed.addAll(s.networks());
    }
    for (Grid g : m.grids()) {
      // A grid with effects (also) does something even if no site lists it.
      if (!fed.contains(g.name()) && g.hazard().also().isEmpty()) {
        warn(grids.get(g.name()).keyOrigin(), "grids." + g.name(), "no site is fed by this grid");
      }
    }
    for (Network n : m.networks()) {
      if (!listed.contains(n.name()) && n.hazard().also().isEmpty()) {
        warn(
            networks.get(n.name()).keyOrigin(),
            "networks." + n.name(),
            "no site lists this network");
      }
    }
  }

  /**
   * Parts that can never act, or a service down before anything fails: a restart curve without a
   * restart, a reconnect at a site nothing cuts off, a UPS or generator at a site with no grid
   * (only grid outages go through them), a failover with no standby to bring in, an active
   * deployment short of demand with every site up.
   */
  private void idle(
      Model m, Map<String, Node.Mapping.Entry> sites, Map<String, Node.Mapping.Entry> services) {
    java.util.Set<String> cut = m.powerCutSites();
    java.util.Set<String> cutOff = m.effectSites(Effect.Kind.NETWORK);
    for (Site s : m.sites()) {
      Node.Mapping site = (Node.Mapping) sites.get(s.name()).value();
      if (!s.restartCurve().isEmpty() && s.restart() == null) {
        warn(
            site.get(SiteKeys.RESTART_CURVE.name()).keyOrigin(),
            "sites." + s.name() + "." + SiteKeys.RESTART_CURVE.name(),
            "has no effect: the site has no restart, so capacity returns the moment power does");
      }
      if (s.reconnect() != null && s.networks().isEmpty() && !cutOff.contains(s.name())) {
        warn(
            site.get(SiteKeys.RECONNECT.name()).keyOrigin(),
            "sites." + s.name() + "." + SiteKeys.RECONNECT.name(),
            "has no effect: the site has no networks and no network effect cuts it off");
      }
    }
    for (Site s : m.sites()) {
      if (!s.grids().isEmpty()) {
        continue;
      }
      Node.Mapping decl = (Node.Mapping) sites.get(s.name()).value();
      if (decl.get(SiteKeys.FEEDS_NEEDED.name()) != null) {
        warn(
            decl.get(SiteKeys.FEEDS_NEEDED.name()).keyOrigin(),
            "sites." + s.name() + "." + SiteKeys.FEEDS_NEEDED.name(),
            "has no effect: the site has no grid, so no feeds to need");
      }
      for (KeySpec key : List.of(SiteKeys.UPS, SiteKeys.GENERATOR)) {
        // An effect that cuts the site's power (a cascade) goes through them as a grid outage does.
        if (decl.get(key.name()) != null
            && !(key == SiteKeys.UPS && s.upsHours() == 0)
            && !cut.contains(s.name())) {
          warn(
              decl.get(key.name()).keyOrigin(),
              "sites." + s.name() + "." + key.name(),
              "has no effect: the site has no grid, and only grid outages go through the UPS and"
                  + " generator (a fault cuts power directly)");
        }
      }
      if (s.coolingTrips() > 0 && !cut.contains(s.name())) {
        Node.Mapping cooling = (Node.Mapping) decl.get(SiteKeys.COOLING.name()).value();
        warn(
            cooling.get(ModelSchema.CoolingKeys.TRIPS.name()).keyOrigin(),
            "sites." + s.name() + ".cooling." + ModelSchema.CoolingKeys.TRIPS.name(),
            "has no effect: the site has no grid, so no loss of utility to trip its chillers");
      }
      if (!cut.contains(s.name()) && !s.zones().isEmpty()) {
        // A zone's trips and a single-corded zone act only at a loss of the site's utility.
        Node.Mapping zones = (Node.Mapping) decl.get(SiteKeys.ZONES.name()).value();
        for (io.firedrill.model.Zone z : s.zones()) {
          Node.Mapping zone = (Node.Mapping) zones.get(z.name()).value();
          String path = "sites." + s.name() + ".zones." + z.name();
          if (z.coolingTrips() > 0) {
            Node.Mapping cooling =
                (Node.Mapping) zone.get(ModelSchema.ZoneKeys.COOLING.name()).value();
            warn(
                cooling.get(ModelSchema.CoolingKeys.TRIPS.name()).keyOrigin(),
                path + ".cooling." + ModelSchema.CoolingKeys.TRIPS.name(),
                "has no effect: the site has no grid, so no loss of utility to trip its chillers");
          }
          if (z.singleCorded()) {
            warn(
                zone.get(ModelSchema.ZoneKeys.POWER.name()).keyOrigin(),
                path + "." + ModelSchema.ZoneKeys.POWER.name(),
                "has no effect: the site has no grid, so no loss of utility to cut this zone");
          }
        }
      }
    }
    for (Service svc : m.services()) {
      Node.Mapping decl = (Node.Mapping) services.get(svc.name()).value();
      if (svc.failover() != null && svc.failover().needs().contains(svc.name())) {
        Node.Mapping failover = (Node.Mapping) decl.get(ServiceKeys.FAILOVER.name()).value();
        warn(
            failover.get(FailoverKeys.NEEDS.name()).keyOrigin(),
            "services." + svc.name() + ".failover.needs",
            "lists "
                + svc.name()
                + " itself: the automatic path runs only while "
                + svc.name()
                + " is served at least its slo, so it never ends an outage of "
                + svc.name()
                + (svc.failover().manual() != null
                    ? "; only the manual path does"
                    : ", and there is no manual path"));
      }
      if (svc.failover() != null && svc.standby().isEmpty()) {
        warn(
            decl.get(ServiceKeys.FAILOVER.name()).keyOrigin(),
            "services." + svc.name() + ".failover",
            "has no standby to bring in: nothing joins when the active capacity falls short");
      }
      double active = svc.deploy().stream().mapToDouble(Placement::capacity).sum();
      if (active < svc.demand()) {
        boolean down = active < svc.slo() * svc.demand();
        warn(
            decl.get(ServiceKeys.DEPLOY.name()).keyOrigin(),
            "services." + svc.name() + ".deploy",
            "active capacity "
                + figure(active, 6)
                + " is below demand "
                + figure(svc.demand(), 6)
                + " with every site up: "
                + svc.name()
                + (down
                    ? " is down (below its slo) from t = 0"
                    : " is short (user-hours lost) from t = 0")
                + ", attributed to baseline");
      }
    }
  }

  /**
   * A standby that cannot restore its service: for each site s of the active deployment, losing s
   * leaves the active capacity elsewhere plus the standby at other sites; below slo × demand, the
   * failover cannot bring the service out of its outage, which lasts until s returns.
   */
  private void standby(Model m, Map<String, Node.Mapping.Entry> services) {
    for (Service svc : m.services()) {
      double standby = svc.standby().stream().mapToDouble(Placement::capacity).sum();
      if (!(standby > 0)) {
        continue;
      }
      // What is left when one site is lost is the total less that site's share (a site appears
      // at most once in deploy and once in standby), summed exactly: one pass per service, not
      // one per site and placement, which was quadratic in the sites of a wide deployment.
      // By site: a site's zones are lost with it.
      BigDecimal all = BigDecimal.ZERO;
      Map<String, BigDecimal> activeAt = new LinkedHashMap<>();
      for (Placement p : svc.deploy()) {
        all = all.add(new BigDecimal(p.capacity()));
        activeAt.merge(p.siteName(), new BigDecimal(p.capacity()), BigDecimal::add);
      }
      Map<String, BigDecimal> standbyAt = new HashMap<>();
      for (Placement p : svc.standby()) {
        all = all.add(new BigDecimal(p.capacity()));
        standbyAt.merge(p.siteName(), new BigDecimal(p.capacity()), BigDecimal::add);
      }
      double needed = svc.slo() * svc.demand();
      BigDecimal neededExactly = new BigDecimal(needed);
      for (Map.Entry<String, BigDecimal> lostAt : activeAt.entrySet()) {
        if (!(lostAt.getValue().signum() > 0)) {
          continue;
        }
        String lost = lostAt.getKey();
        BigDecimal left =
            all.subtract(lostAt.getValue()).subtract(standbyAt.getOrDefault(lost, BigDecimal.ZERO));
        if (left.compareTo(neededExactly) >= 0) {
          continue;
        }
        double best = Math.min(svc.demand(), left.doubleValue());
        Node.Mapping decl = (Node.Mapping) services.get(svc.name()).value();
        warn(
            decl.get(ServiceKeys.STANDBY.name()).keyOrigin(),
            "services." + svc.name() + ".standby",
            "when "
                + lost
                + " is lost, failover brings "
                + svc.name()
                + " to at most "
                + figure(best, 6)
                + " of "
                + figure(svc.demand(), 6)
                + " ("
                + figure(best / svc.demand(), 3)
                + "), below its slo "
                + Units.exact(svc.slo())
                + " ("
                + figure(needed, 6)
                + " needed): "
                + svc.name()
                + " stays down until "
                + lost
                + " returns");
      }
    }
  }

  /** {@code x} to {@code digits} significant digits, without exponent. */
  private static String figure(double x, int digits) {
    if (x == 0) {
      return "0";
    }
    return new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
  }

  private void warn(Origin origin, String path, String message) {
    found.add(new ModelWarning(origin, path, message));
  }
}
