package io.firedrill.model;

import java.util.List;

/**
 * The family of hazard kinds: everything that can fail on its own and begin an outage.
 *
 * <p>A kind names what it strikes ({@link Scope}: a grid, a network or a site) and the word that
 * names one hazard of it everywhere: {@code KIND@TARGET} ({@code fire@pangyo}) is at once its cause
 * in causes.csv and outages.csv, its random source (docs/simulation.md, "Random streams") and its
 * scenario event ({@code --event fire@pangyo}). From the kinds are derived the model's list of
 * hazards ({@link Model#hazards}), the plan's hazard table and cause ids, the scenario event names
 * and {@code validate}'s text; the plan maps each kind to the effect the engine samples ({@code
 * plan.HazardEffect}), in one exhaustive switch. docs/hazard-kinds.md says how to add one.
 *
 * <p>Every kind but {@link #FIRE} is an alternating renewal process ({@link Hazard}: a time to
 * failure, then an outage); a fire has its own parameters ({@link Fire}). The constants are in
 * cause order: the plan numbers causes by kind in this order, then by target in the model's order.
 * Changing the word of a kind changes every random number of its hazards.
 */
public enum HazardKind {
  /** A utility power supply: its outages reach each site it feeds through UPS and generator. */
  GRID("grid", Scope.GRID, "grids.NAME"),

  /** An upstream carrier or routing domain; a site is unreachable while all its networks are. */
  NETWORK("routing", Scope.NETWORK, "networks.NAME"),

  /** Fires at a site: dark for a time, then capacity returns along a ramp. */
  FIRE("fire", Scope.SITE, "sites.NAME.fire"),

  /** An internal power fault at a site: blocked for its outage, then the site's restart. */
  FAULT("fault", Scope.SITE, "sites.NAME.fault"),

  /** A failure of a site's cooling: thermal shutdown for its outage, then the site's restart. */
  COOLING("cooling", Scope.SITE, "sites.NAME.cooling"),

  /**
   * A common-cause event (a regional storm, a flood, a campus power cut, a cloud region's shared
   * control plane): it strikes nothing itself, only the sites its effects ({@code also}) name, each
   * in its own way and after its own delay.
   */
  COMMON("common", Scope.COMMON, "common_cause.NAME");

  /** What one hazard of a kind strikes. */
  public enum Scope {
    /** A grid, declared under {@code grids}. */
    GRID,
    /** A network, declared under {@code networks}. */
    NETWORK,
    /** A site, declared as a key of the site's section. */
    SITE,
    /** Nothing itself: the sites its effects name; declared under {@code common_cause}. */
    COMMON
  }

  private final String word;
  private final Scope scope;
  private final String path;

  HazardKind(String word, Scope scope, String path) {
    this.word = word;
    this.scope = scope;
    this.path = path;
  }

  /**
   * The word before the {@code @} of a cause, random source and scenario event ({@code routing} for
   * networks); for a site hazard, also its key in the site's section.
   */
  public String word() {
    return word;
  }

  /** What one hazard of this kind strikes. */
  public Scope scope() {
    return scope;
  }

  /** Where the model file declares one ({@code sites.NAME.cooling}), for documentation. */
  public String path() {
    return path;
  }

  /** The name of this kind's hazard on {@code target}: {@code cooling@west}. */
  public String name(String target) {
    return word + "@" + target;
  }

  /** Whether its parameters are a plain {@link Hazard} (every kind but {@link #FIRE}). */
  public boolean isRenewal() {
    return this != FIRE;
  }

  /** The site hazards that are plain alternating renewal processes, in cause order. */
  public static List<HazardKind> siteRenewals() {
    return siteKinds().stream().filter(HazardKind::isRenewal).toList();
  }

  /**
   * Every kind that strikes a site ({@code fire}, {@code fault}, {@code cooling}), in cause order.
   */
  public static List<HazardKind> siteKinds() {
    return List.of(values()).stream().filter(k -> k.scope == Scope.SITE).toList();
  }
}
