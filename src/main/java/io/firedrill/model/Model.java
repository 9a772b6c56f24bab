package io.firedrill.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A validated model: the deployment, its hazards and the run defaults (docs/model-format.md).
 *
 * <p>Built by the loader (package {@code load}), which guarantees every cross-reference resolves
 * and {@code requires} is acyclic; the records themselves check only their own values.
 *
 * @param horizonHours time simulated by one trial of {@code run}, in (0, {@link
 *     io.firedrill.dist.Units#MAX_HORIZON_HOURS}]
 * @param scenarioHorizonHours time simulated by one trial of a scenario ({@code scenario}, and
 *     {@code sweep}/{@code size} with {@code --event}), in the same range; 7 days by default
 * @param trials default trial count, 1 to {@link #MAX_TRIALS}
 * @param seed default seed, 0 to 2^63 − 1
 * @param staffing 168 hourly factors, Monday 00:00 first, on how long recovery work takes
 *     (docs/simulation.md, "Staffing"), each in [{@link #MIN_STAFFING}, {@link #MAX_STAFFING}];
 *     empty for 1 at every hour
 */
public record Model(
    String name,
    String description,
    double horizonHours,
    double scenarioHorizonHours,
    long trials,
    long seed,
    ActivityProfile profile,
    List<Grid> grids,
    List<Network> networks,
    List<Site> sites,
    List<Service> services,
    List<Price> prices,
    List<CommonCause> commonCauses,
    List<Double> staffing) {

  /** The smallest staffing factor: work a hundred times as fast as drawn. */
  public static final double MIN_STAFFING = 0.01;

  /** The largest staffing factor: work a hundred times as slow as drawn. */
  public static final double MAX_STAFFING = 100;

  /**
   * Longest name of a model, site, service, grid or network, in characters: names become folder
   * names (results/NAME/), causes (fire@NAME) and CSV cells, and 64 keeps every one of them short.
   */
  public static final int MAX_NAME_LENGTH = 64;

  /**
   * The name that stands for the sum over all services: the {@code total} rows of summary.csv,
   * sweep.csv and the console, and {@code total.METRIC.STAT} in a size target. No service may take
   * it.
   */
  public static final String TOTAL = "total";

  /** Largest trial count a model or the command line may ask for: 2^40 (about 1.1e12). */
  public static final long MAX_TRIALS = 1L << 40;

  /** The time one trial of a scenario simulates when the model does not say: 7 days, in hours. */
  public static final double DEFAULT_SCENARIO_HORIZON_HOURS = 7 * 24;

  /** A site's price per unit of capacity per year (the {@code cost:} section). */
  public record Price(String site, double perUnitYear) {
    public Price {
      if (!(perUnitYear >= 0) || !Double.isFinite(perUnitYear)) {
        throw new IllegalArgumentException("perUnitYear is negative or not finite: " + perUnitYear);
      }
    }
  }

  public Model {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(profile, "profile");
    grids = List.copyOf(grids);
    networks = List.copyOf(networks);
    sites = List.copyOf(sites);
    services = List.copyOf(services);
    prices = List.copyOf(prices);
    commonCauses = List.copyOf(commonCauses);
    staffing = List.copyOf(staffing);
    if (!staffing.isEmpty()
        && (staffing.size() != ActivityProfile.HOURS_PER_WEEK
            || !staffing.stream().allMatch(f -> f >= MIN_STAFFING && f <= MAX_STAFFING))) {
      throw new IllegalArgumentException(
          "staffing is not 168 factors in [0.01, 100]: " + staffing.size() + " values");
    }
    if (sites.isEmpty() || services.isEmpty()) {
      throw new IllegalArgumentException(
          "a model needs at least one site and one service: "
              + sites.size()
              + " sites, "
              + services.size()
              + " services");
    }
    checkHorizon("horizonHours", horizonHours);
    checkHorizon("scenarioHorizonHours", scenarioHorizonHours);
    if (trials < 1 || trials > MAX_TRIALS) {
      throw new IllegalArgumentException("trials is not in [1, 2^40]: " + trials);
    }
    if (seed < 0) {
      throw new IllegalArgumentException("seed is negative: " + seed);
    }
  }

  private static void checkHorizon(String name, double hours) {
    if (!(hours > 0 && hours <= io.firedrill.dist.Units.MAX_HORIZON_HOURS)) {
      throw new IllegalArgumentException(name + " is not in (0, 100000 y]: " + hours);
    }
  }

  /** The price per unit of capacity per year at {@code site}; 0 if the model gives none. */
  public double pricePerUnitYear(String site) {
    return prices.stream()
        .filter(p -> p.site().equals(site))
        .mapToDouble(Price::perUnitYear)
        .findFirst()
        .orElse(0);
  }

  /** This model with another activity profile (e.g. another start in the week). */
  public Model withProfile(ActivityProfile p) {
    return new Model(
        name,
        description,
        horizonHours,
        scenarioHorizonHours,
        trials,
        seed,
        p,
        grids,
        networks,
        sites,
        services,
        prices,
        commonCauses,
        staffing);
  }

  /** The site called {@code name}, or null. */
  public Site site(String name) {
    return sites.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  /** The service called {@code name}, or null. */
  public Service service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  /** The grid called {@code name}, or null. */
  public Grid grid(String name) {
    return grids.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * Every hazard the model declares, in cause order: by kind ({@link HazardKind} order), then by
   * target in the model's order (a site, then its zones, {@code SITE/ZONE}). A site or zone has a
   * fire, fault or cooling hazard only where it declares one; every grid and network is a hazard.
   */
  public List<HazardRef> hazards() {
    List<HazardRef> out = new ArrayList<>();
    for (HazardKind k : HazardKind.values()) {
      switch (k.scope()) {
        case GRID -> grids.forEach(g -> out.add(new HazardRef(k, g.name())));
        case COMMON -> commonCauses.forEach(c -> out.add(new HazardRef(k, c.name())));
        case NETWORK -> networks.forEach(n -> out.add(new HazardRef(k, n.name())));
        case SITE -> {
          for (Site s : sites) {
            if (s.has(k)) {
              out.add(new HazardRef(k, s.name()));
            }
            for (Zone z : s.zones()) {
              if (z.has(k)) {
                out.add(new HazardRef(k, Zone.path(s.name(), z.name())));
              }
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * The effects ({@code also}, cascades) of the hazard {@code ref}, in the model's order; empty for
   * none.
   *
   * @throws NullPointerException if the model has no such hazard
   */
  public List<Effect> effects(HazardRef ref) {
    return effects(ref, index());
  }

  /**
   * {@link #effects(HazardRef)} through {@code index} (this model's, {@link #index}): O(1), for a
   * pass over every hazard.
   */
  public List<Effect> effects(HazardRef ref, Index index) {
    String t = ref.target();
    return switch (ref.kind().scope()) {
      case GRID -> index.grids().get(t).hazard().also();
      case NETWORK -> index.networks().get(t).hazard().also();
      case COMMON -> index.commonCauses().get(t).hazard().also();
      case SITE -> {
        Place p = index.places().get(t);
        yield ref.kind().isRenewal() ? p.renewal(ref.kind()).also() : p.fire().also();
      }
    };
  }

  /**
   * The hardware each outage of the hazard {@code ref} damages where it strikes ({@code damage}: a
   * fire, fault or cooling of a site or zone; a grid's, at each site it takes down), or null for
   * none, through {@code index} (this model's, {@link #index}).
   *
   * @throws NullPointerException if the model has no such hazard
   */
  public Damage damage(HazardRef ref, Index index) {
    if (ref.kind().scope() == HazardKind.Scope.GRID) {
      return index.grids().get(ref.target()).hazard().damage(); // at the sites it feeds
    }
    if (ref.kind().scope() != HazardKind.Scope.SITE) {
      return null; // networks and common-cause events damage nothing themselves
    }
    Place p = index.places().get(ref.target());
    return ref.kind().isRenewal() ? p.renewal(ref.kind()).damage() : p.fire().damage();
  }

  /**
   * The model's grids, networks, common-cause events and places (sites, and zones as {@code
   * SITE/ZONE}) by name, for lookups in passes over a whole model: a search per name made a model
   * of 60,000 sites quadratic to load.
   */
  public record Index(
      Map<String, Grid> grids,
      Map<String, Network> networks,
      Map<String, CommonCause> commonCauses,
      Map<String, Place> places) {}

  /** This model's {@link Index}, built in time linear in its size. */
  public Index index() {
    Map<String, Grid> g = new HashMap<>();
    grids.forEach(x -> g.put(x.name(), x));
    Map<String, Network> n = new HashMap<>();
    networks.forEach(x -> n.put(x.name(), x));
    Map<String, CommonCause> c = new HashMap<>();
    commonCauses.forEach(x -> c.put(x.name(), x));
    Map<String, Place> p = new HashMap<>();
    for (Site s : sites) {
      p.put(s.name(), s);
      for (Zone z : s.zones()) {
        p.put(Zone.path(s.name(), z.name()), z);
      }
    }
    return new Index(g, n, c, p);
  }

  /**
   * The site or zone called {@code name} ({@code pangyo}, or {@code pangyo/battery}, {@link
   * Zone#path}), or null.
   */
  public Place place(String name) {
    Site s = site(Zone.siteOf(name));
    if (s == null || !name.contains("/")) {
      return s;
    }
    return s.zone(name.substring(name.indexOf('/') + 1));
  }

  /** The names of the sites whose utility some effect cuts ({@code effect: power}). */
  public java.util.Set<String> powerCutSites() {
    return effectSites(Effect.Kind.POWER);
  }

  /**
   * The names of the places (sites, or zones as {@code SITE/ZONE}) that some effect of {@code kind}
   * strikes ({@code effect: network}: the sites some effect cuts off).
   */
  public java.util.Set<String> effectSites(Effect.Kind kind) {
    java.util.Set<String> out = new java.util.HashSet<>();
    Index index = index();
    for (HazardRef ref : hazards()) {
      for (Effect e : effects(ref, index)) {
        if (e.kind() == kind) {
          out.add(e.site());
        }
      }
    }
    return out;
  }

  /** The network called {@code name}, or null. */
  public Network network(String name) {
    return networks.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * Services ordered so that each comes after everything it {@code requires}; ties keep file order
   * (a depth-first post-order from each service in file order). The loader has rejected cycles.
   *
   * <p>The search keeps its own stack, so a chain of requires of any length is ordered (a chain of
   * 5,000 services overflowed the JVM's stack when this recursed); it takes time linear in services
   * plus requirements.
   *
   * @throws IllegalStateException if {@code requires} loops, which a loaded model never does
   */
  public List<Service> dependencyOrder() {
    Map<String, Service> byName = new HashMap<>();
    services.forEach(s -> byName.put(s.name(), s));
    Set<String> done = new LinkedHashSet<>();
    Set<String> open = new HashSet<>();
    ArrayDeque<Service> path = new ArrayDeque<>();
    ArrayDeque<Integer> next = new ArrayDeque<>();
    for (Service root : services) {
      if (done.contains(root.name())) {
        continue;
      }
      path.push(root);
      next.push(0);
      open.add(root.name());
      while (!path.isEmpty()) {
        Service s = path.peek();
        int i = next.pop();
        if (i == s.requires().size()) {
          path.pop();
          open.remove(s.name());
          done.add(s.name());
          continue;
        }
        next.push(i + 1);
        String r = s.requires().get(i);
        if (done.contains(r)) {
          continue;
        }
        if (!open.add(r)) {
          throw new IllegalStateException("requires loops through " + r);
        }
        path.push(byName.get(r));
        next.push(0);
      }
    }
    List<Service> order = new ArrayList<>();
    done.forEach(n -> order.add(byName.get(n)));
    return order;
  }
}
