package io.firedrill.load;

import io.firedrill.dist.Distribution;
import io.firedrill.dist.Exponential;
import io.firedrill.dist.Never;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.load.ModelSchema.CoolingKeys;
import io.firedrill.load.ModelSchema.DamageKeys;
import io.firedrill.load.ModelSchema.DataKeys;
import io.firedrill.load.ModelSchema.EffectKeys;
import io.firedrill.load.ModelSchema.FailoverKeys;
import io.firedrill.load.ModelSchema.FaultKeys;
import io.firedrill.load.ModelSchema.FireKeys;
import io.firedrill.load.ModelSchema.GeneratorKeys;
import io.firedrill.load.ModelSchema.GridKeys;
import io.firedrill.load.ModelSchema.HazardKeys;
import io.firedrill.load.ModelSchema.ServiceKeys;
import io.firedrill.load.ModelSchema.SiteKeys;
import io.firedrill.load.ModelSchema.TopKeys;
import io.firedrill.load.ModelSchema.ZoneKeys;
import io.firedrill.load.TreeReader.Section;
import io.firedrill.load.yaml.Node;
import io.firedrill.load.yaml.Origin;
import io.firedrill.model.ActivityProfile;
import io.firedrill.model.CommonCause;
import io.firedrill.model.Damage;
import io.firedrill.model.Data;
import io.firedrill.model.Effect;
import io.firedrill.model.Failover;
import io.firedrill.model.Fire;
import io.firedrill.model.Generator;
import io.firedrill.model.Grid;
import io.firedrill.model.Hazard;
import io.firedrill.model.HazardKind;
import io.firedrill.model.Model;
import io.firedrill.model.Network;
import io.firedrill.model.Placement;
import io.firedrill.model.RepairNeeds;
import io.firedrill.model.Service;
import io.firedrill.model.Site;
import io.firedrill.model.Zone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds a located YAML tree to a {@link Model}, checking everything docs/model-format.md asks.
 *
 * <p>It does not stop at the first defect: each section is read as far as it can be, defects are
 * collected with their position and key path, and a record is built only from parts that were all
 * valid. Cross-references (sites, grids, networks, services) are checked against the names the file
 * declares, whether or not those declarations were themselves valid, so that one typo gives one
 * error rather than a cascade.
 *
 * <p>The keys of every section, their ranges and their defaults are those {@link ModelSchema}
 * declares; values are read by {@link TreeReader}, whose readers return null after recording a
 * defect. This class holds what a declaration cannot say: which keys go together, references to
 * declared names, and the records built from the parts. Dependency cycles are found by {@link
 * RequiresCycles}, the warnings about a valid model by {@link ModelWarnings}.
 */
final class ModelBinder {
  private final TreeReader read = new TreeReader();

  /** The names of the model's sites, which effects (cascades) may name; set before any hazard. */
  private Set<String> siteNames = Set.of();

  /** The names of the model's services, which a hazard's repair may need; set before any hazard. */
  private Set<String> serviceNames = Set.of();

  private final Node root;

  private ModelBinder(Node root) {
    this.root = root;
  }

  /** A bound model and the warnings about it. */
  record Bound(Model model, List<ModelWarning> warnings) {}

  /** Binds {@code root} or throws every defect found. */
  static Bound bind(Node root) throws ModelException {
    ModelBinder binder = new ModelBinder(root);
    List<ModelWarning> warnings = new ArrayList<>();
    Model model = binder.model(warnings);
    // Sections are read in a fixed order; a user reads the file top to bottom. Overrides (line 0)
    // come first, in the order given.
    if (!binder.read.errors().isEmpty() || model == null) {
      throw new ModelException(inFileOrder(binder.read.errors(), ModelError::origin));
    }
    return new Bound(model, inFileOrder(warnings, ModelWarning::origin));
  }

  private static <T> List<T> inFileOrder(List<T> found, Function<T, Origin> at) {
    List<T> sorted = new ArrayList<>(found);
    sorted.sort(
        Comparator.comparingInt((T x) -> at.apply(x).line())
            .thenComparingInt(x -> at.apply(x).column()));
    return List.copyOf(sorted);
  }

  // ---------------------------------------------------------------------------------------------
  // The top level

  private Model model(List<ModelWarning> warnings) {
    if (!(root instanceof Node.Mapping map)) {
      read.error(
          root.origin(),
          "",
          "expected a mapping with name, sites and services, got " + root.kind());
      return null;
    }
    Section top = read.open(map, "", TopKeys.SPEC);
    String name = modelName(top);
    // description: with nothing after it is no description, not an error.
    String description =
        top.has(TopKeys.DESCRIPTION) && !isEmpty(top.node(TopKeys.DESCRIPTION))
            ? read.text(top, TopKeys.DESCRIPTION)
            : "";
    Double horizon = read.duration(top, TopKeys.HORIZON);
    Double scenarioHorizon = read.duration(top, TopKeys.SCENARIO_HORIZON);
    Long trials = read.whole(top, TopKeys.TRIALS);
    Long seed = read.whole(top, TopKeys.SEED);
    ActivityProfile profile = profile(top);
    List<Double> staffing = top.has(TopKeys.STAFFING) ? staffing(top) : List.of();

    Map<String, Node.Mapping.Entry> gridDecls = declarations(top, TopKeys.GRIDS);
    Map<String, Node.Mapping.Entry> networkDecls = declarations(top, TopKeys.NETWORKS);
    Map<String, Node.Mapping.Entry> commonDecls = declarations(top, TopKeys.COMMON_CAUSE);
    Map<String, Node.Mapping.Entry> siteDecls = declarations(top, TopKeys.SITES);
    siteNames = places(siteDecls);
    Map<String, Node.Mapping.Entry> serviceDecls = declarations(top, TopKeys.SERVICES);
    serviceNames = serviceDecls.keySet();
    if (serviceDecls.containsKey(Model.TOTAL)) {
      read.error(
          serviceDecls.get(Model.TOTAL).keyOrigin(),
          "services." + Model.TOTAL,
          "'total' is reserved for the sum over all services; choose another name");
    }
    // An empty section (sites: with nothing after it, ~, null, {}) declares nothing: a model
    // without a site or a service has nothing to simulate.
    if (!top.has(TopKeys.SITES)) {
      read.error(map.origin(), "sites", "missing: a model needs at least one site");
    } else if (siteDecls.isEmpty() && isEmpty(top.node(TopKeys.SITES))) {
      read.error(
          top.node(TopKeys.SITES).origin(), "sites", "no sites given (expected at least one)");
    }
    if (!top.has(TopKeys.SERVICES)) {
      read.error(map.origin(), "services", "missing: a model needs at least one service");
    } else if (serviceDecls.isEmpty() && isEmpty(top.node(TopKeys.SERVICES))) {
      read.error(
          top.node(TopKeys.SERVICES).origin(),
          "services",
          "no services given (expected at least one)");
    }

    List<Grid> grids = new ArrayList<>();
    gridDecls.forEach(
        (n, e) -> add(grids, hazardOf(e, "grids." + n, GridKeys.SPEC), h -> new Grid(n, h)));
    List<Network> networks = new ArrayList<>();
    networkDecls.forEach(
        (n, e) -> add(networks, hazardOf(e, "networks." + n), h -> new Network(n, h)));
    List<CommonCause> commonCauses = new ArrayList<>();
    commonDecls.forEach((n, e) -> add(commonCauses, commonCause(n, e), c -> c));
    List<Site> sites = new ArrayList<>();
    siteDecls.forEach(
        (n, e) -> add(sites, site(n, e, gridDecls.keySet(), networkDecls.keySet()), s -> s));
    List<Service> services = new ArrayList<>();
    serviceDecls.forEach(
        (n, e) -> add(services, service(n, e, siteNames, serviceDecls.keySet()), s -> s));
    read.errors().addAll(RequiresCycles.find(serviceDecls));
    List<Model.Price> prices = prices(top, siteDecls.keySet());

    if (!read.errors().isEmpty()
        || name == null
        || horizon == null
        || scenarioHorizon == null
        || trials == null
        || seed == null
        || profile == null
        || staffing == null) {
      return null;
    }
    Model model =
        new Model(
            name,
            description,
            horizon,
            scenarioHorizon,
            trials,
            seed,
            profile,
            grids,
            networks,
            sites,
            services,
            prices,
            commonCauses,
            staffing);
    warnings.addAll(ModelWarnings.find(model, gridDecls, networkDecls, siteDecls, serviceDecls));
    return model;
  }

  private String modelName(Section top) {
    if (!top.has(TopKeys.NAME)) {
      read.error(top.map.origin(), "name", "missing: every model needs a name ([a-z0-9-]+)");
      return null;
    }
    Node.Scalar s = read.scalar(top.node(TopKeys.NAME), "name", TopKeys.NAME.type().expected());
    if (s == null) {
      return null;
    }
    if (tooLong(s.text())) {
      read.error(s.textOrigin(), "name", longName(s.text()));
      return null;
    }
    if (!ModelSchema.MODEL_NAME.matcher(s.text()).matches()) {
      read.error(
          s.textOrigin(),
          "name",
          UserText.quote(s.text()) + " is not a valid name (expected [a-z0-9-]+)");
      return null;
    }
    return s.text();
  }

  /** Whether a name has more than {@link Model#MAX_NAME_LENGTH} characters. */
  private static boolean tooLong(String name) {
    return name.length() > Model.MAX_NAME_LENGTH
        && name.codePointCount(0, name.length()) > Model.MAX_NAME_LENGTH;
  }

  private static String longName(String name) {
    return UserText.quote(name)
        + " is too long for a name ("
        + name.codePointCount(0, name.length())
        + " characters; at most "
        + Model.MAX_NAME_LENGTH
        + ")";
  }

  /** An empty value ({@code key:}, {@code ~}, {@code null}) or an empty mapping. */
  private static boolean isEmpty(Node node) {
    return node instanceof Node.Scalar s && s.isNull()
        || node instanceof Node.Mapping m && m.isEmpty();
  }

  /**
   * The entries of a section of named things (grids, sites...), with their names checked; none for
   * an empty section (the caller says whether one is needed).
   */
  private Map<String, Node.Mapping.Entry> declarations(Section top, KeySpec key) {
    Map<String, Node.Mapping.Entry> decls = new LinkedHashMap<>();
    if (!top.has(key)) {
      return decls;
    }
    Node node = top.node(key);
    if (node instanceof Node.Scalar s && s.isNull()) {
      return decls;
    }
    if (!(node instanceof Node.Mapping map)) {
      read.error(
          node.origin(), top.at(key), "expected " + key.type().expected() + ", got " + node.kind());
      return decls;
    }
    for (Node.Mapping.Entry e : map.entries()) {
      if (tooLong(e.key())) {
        read.error(e.keyOrigin(), top.at(key) + "." + e.key(), longName(e.key()));
      } else if (!ModelSchema.NAME.matcher(e.key()).matches()) {
        read.error(
            e.keyOrigin(),
            top.at(key) + "." + e.key(),
            UserText.quote(e.key())
                + " is not a valid name (lowercase letters, digits, - and _; starting with a letter"
                + " or digit)");
      }
      decls.put(e.key(), e);
    }
    return decls;
  }

  /**
   * The names of the places a placement or an effect may name: every declared site, and every zone
   * of one, {@code SITE/ZONE} ({@link Zone#path}), in the file's order. Read from the sites' raw
   * sections, before they are bound, so that a service's placement on a zone resolves whatever the
   * order of the sections.
   */
  private static Set<String> places(Map<String, Node.Mapping.Entry> siteDecls) {
    Set<String> out = new LinkedHashSet<>();
    siteDecls.forEach(
        (site, e) -> {
          out.add(site);
          if (e.value() instanceof Node.Mapping map
              && map.get(SiteKeys.ZONES.name()) != null
              && map.get(SiteKeys.ZONES.name()).value() instanceof Node.Mapping zones) {
            for (Node.Mapping.Entry z : zones.entries()) {
              out.add(Zone.path(site, z.key()));
            }
          }
        });
    return out;
  }

  /** The {@code cost} section: a price per capacity unit per year for some declared sites. */
  private List<Model.Price> prices(Section top, Set<String> sites) {
    List<Model.Price> prices = new ArrayList<>();
    if (!top.has(TopKeys.COST)) {
      return prices;
    }
    Node node = top.node(TopKeys.COST);
    if (!(node instanceof Node.Mapping costs)) {
      read.error(
          node.origin(),
          "cost",
          "expected " + TopKeys.COST.type().expected() + ", got " + node.kind());
      return prices;
    }
    for (Node.Mapping.Entry e : costs.entries()) {
      String path = "cost." + e.key();
      if (!sites.contains(e.key())) {
        read.error(e.keyOrigin(), path, read.unknown("site", e.key(), sites));
        continue;
      }
      Double price = read.count(e.value(), path, TopKeys.COST.type().range());
      if (price != null) {
        prices.add(new Model.Price(e.key(), price));
      }
    }
    return prices;
  }

  // ---------------------------------------------------------------------------------------------
  // Hazards, sites and services

  private Hazard hazardOf(Node.Mapping.Entry e, String path) {
    return hazardOf(e, path, HazardKeys.SPEC);
  }

  private Hazard hazardOf(Node.Mapping.Entry e, String path, SectionSpec spec) {
    Section s = read.section(e.value(), path, spec);
    return s == null ? null : hazard(s);
  }

  /** The renewal process of a hazard section (of {@link HazardKeys#SPEC} or one with its keys). */
  private Hazard hazard(Section s) {
    Distribution ttf = timeToFailure(s, HazardKeys.RATE, HazardKeys.TTF);
    Distribution outage = read.requiredDistribution(s, HazardKeys.OUTAGE);
    Distribution onset = s.has(HazardKeys.ONSET) ? read.distribution(s, HazardKeys.ONSET) : null;
    List<Effect> also = effects(s, HazardKeys.ALSO);
    Damage damage = s.has(FaultKeys.DAMAGE) ? damage(s, FaultKeys.DAMAGE) : null;
    int before = read.errorCount();
    RepairNeeds repair = repairNeeds(s);
    return ttf == null
            || outage == null
            || (s.has(HazardKeys.ONSET) && onset == null)
            || also == null
            || (s.has(FaultKeys.DAMAGE) && damage == null)
            || read.errorCount() > before
        ? null
        : new Hazard(ttf, outage, onset, also, damage, repair);
  }

  /**
   * The services the repair of hazard section s needs and its manual path ({@code needs}, {@code
   * manual}): null when it gives no needs (none, or {@code needs: []}, which an override may set to
   * turn them off), and after an error (the caller counts errors). {@code needs} without {@code
   * manual}, or {@code manual} without a {@code needs} key, is an error: one would say nothing.
   */
  private RepairNeeds repairNeeds(Section s) {
    boolean hasNeeds = s.has(HazardKeys.NEEDS);
    boolean hasManual = s.has(HazardKeys.MANUAL);
    if (!hasNeeds && !hasManual) {
      return null;
    }
    if (!hasNeeds) {
      read.error(
          s.removal(s.entry(HazardKeys.MANUAL).keyOrigin()),
          s.at(HazardKeys.MANUAL),
          "a manual repair needs `needs`: the services whose loss makes the repair manual");
      return null;
    }
    List<String> needs =
        isEmpty(s.node(HazardKeys.NEEDS))
            ? List.of()
            : read.references(
                s.node(HazardKeys.NEEDS), s.at(HazardKeys.NEEDS), serviceNames, "service");
    Distribution manual = hasManual ? read.distribution(s, HazardKeys.MANUAL) : null;
    if (needs == null || (hasManual && manual == null)) {
      return null;
    }
    if (needs.isEmpty()) {
      return null;
    }
    if (!hasManual) {
      read.error(
          s.removal(s.entry(HazardKeys.NEEDS).keyOrigin()),
          s.at(HazardKeys.NEEDS),
          "missing manual: how long an outage lasts when a service its repair needs is down"
              + " (without one the repair could never be done)");
      return null;
    }
    return new RepairNeeds(needs, manual);
  }

  /**
   * The {@code damage} section under {@code key} of a fire, fault or cooling; null after an error.
   */
  private Damage damage(Section owner, KeySpec key) {
    Section d = read.section(owner.node(key), owner.at(key), DamageKeys.SPEC);
    if (d == null) {
      return null;
    }
    Double probability = read.probability(d, DamageKeys.PROBABILITY);
    Double share = read.probability(d, DamageKeys.SHARE);
    Double destroyed = read.probability(d, DamageKeys.DESTROYED);
    // Hardware that is always destroyed is never repaired: its repair may be left out.
    boolean alwaysDestroyed = destroyed != null && destroyed == 1;
    boolean needsRepair = d.has(DamageKeys.REPAIR) || !alwaysDestroyed;
    Distribution repair = needsRepair ? read.requiredDistribution(d, DamageKeys.REPAIR) : null;
    return probability == null
            || share == null
            || (needsRepair && repair == null)
            || destroyed == null
        ? null
        : new Damage(probability, share, repair, destroyed);
  }

  /** A common-cause event: a hazard section whose {@code also} names at least one site. */
  private CommonCause commonCause(String name, Node.Mapping.Entry e) {
    String path = "common_cause." + name;
    Section s = read.section(e.value(), path, ModelSchema.CommonCauseKeys.SPEC);
    Hazard h = s == null ? null : hazard(s);
    if (h == null) {
      return null;
    }
    if (h.also().isEmpty()) {
      // Where it was emptied (a --set of also) or where the event is declared.
      Node.Mapping.Entry also =
          e.value() instanceof Node.Mapping map ? map.get(HazardKeys.ALSO.name()) : null;
      read.error(
          also != null ? also.value().origin() : e.value().origin(),
          path + ".also",
          (also != null ? "no effects given" : "missing")
              + ": a common-cause event strikes only the sites its also names (site → effect)");
      return null;
    }
    return new CommonCause(name, h);
  }

  /**
   * The effects under {@code key} ({@code also}) of section s: a mapping of declared site names to
   * effect sections; empty when left out, null after an error.
   */
  private List<Effect> effects(Section s, KeySpec key) {
    if (!s.has(key) || isEmpty(s.node(key))) {
      return List.of();
    }
    if (!(s.node(key) instanceof Node.Mapping map)) {
      read.error(
          s.node(key).origin(),
          s.at(key),
          "expected " + key.type().expected() + ", got " + s.node(key).kind());
      return null;
    }
    int before = read.errorCount();
    List<Effect> out = new ArrayList<>();
    for (Node.Mapping.Entry e : map.entries()) {
      String path = s.at(key) + "." + e.key();
      if (!siteNames.contains(e.key())) {
        read.error(e.keyOrigin(), path, read.unknown("site", e.key(), siteNames));
        continue;
      }
      Section f = read.section(e.value(), path, EffectKeys.SPEC);
      if (f == null) {
        continue;
      }
      if (!f.has(EffectKeys.EFFECT)) {
        read.error(
            f.map.origin(),
            f.at(EffectKeys.EFFECT),
            "missing: give what the effect does (" + EffectKeys.EFFECT.type().expected() + ")");
        continue;
      }
      String word = read.choice(f, EffectKeys.EFFECT);
      Distribution delay = f.has(EffectKeys.DELAY) ? read.distribution(f, EffectKeys.DELAY) : null;
      Distribution outage =
          f.has(EffectKeys.OUTAGE) ? read.distribution(f, EffectKeys.OUTAGE) : null;
      Double p = read.probability(f, EffectKeys.PROBABILITY);
      Damage damage = f.has(EffectKeys.DAMAGE) ? damage(f, EffectKeys.DAMAGE) : null;
      if (read.errorCount() > before || word == null || p == null) {
        continue;
      }
      Effect.Kind kind = Effect.Kind.DARK;
      for (Effect.Kind k : Effect.Kind.values()) {
        if (k.word().equals(UserText.strip(word))) {
          kind = k;
        }
      }
      if (e.key().contains("/") && !kind.reachesZones()) {
        read.error(
            f.valueOrigin(EffectKeys.EFFECT),
            f.at(EffectKeys.EFFECT),
            UserText.quote(kind.word())
                + " acts on a whole site (its utility, its networks), and "
                + e.key()
                + " is a zone: name the site "
                + Zone.siteOf(e.key())
                + ", or give the zone dark or cooling");
        continue;
      }
      if (damage != null && !kind.reachesZones()) {
        read.error(
            f.clash(f.keyOrigin(EffectKeys.DAMAGE), EffectKeys.EFFECT),
            f.at(EffectKeys.DAMAGE),
            "a "
                + UserText.quote(kind.word())
                + " effect reaches no hardware (it cuts "
                + (kind == Effect.Kind.POWER ? "the utility" : "the networks")
                + "); damage goes with dark or cooling");
        continue;
      }
      out.add(new Effect(e.key(), kind, delay, outage, p, damage));
    }
    return read.errorCount() > before ? null : out;
  }

  /** The time to failure given by exactly one of {@code rate} and {@code ttf}. */
  private Distribution timeToFailure(Section s, KeySpec rate, KeySpec ttf) {
    if (s.has(rate) && s.has(ttf)) {
      read.error(s.clash(s.keyOrigin(ttf), rate), s.at(ttf), "give either rate or ttf, not both");
      return null;
    }
    if (!s.has(rate) && !s.has(ttf)) {
      read.error(
          s.map.origin(), s.at(rate), "missing: give rate (such as 0.5/y) or ttf (a distribution)");
      return null;
    }
    if (s.has(ttf)) {
      return read.distribution(s, ttf);
    }
    // A rate of 0 is a hazard that never strikes on its own (a scenario may still force it, and
    // a sweep may start there).
    Double perHour = read.rate(s, rate);
    return perHour == null ? null : perHour == 0 ? Never.INSTANCE : Exponential.ofRate(perHour);
  }

  private Site site(String name, Node.Mapping.Entry e, Set<String> grids, Set<String> networks) {
    Section s = read.section(e.value(), "sites." + name, SiteKeys.SPEC);
    if (s == null) {
      return null;
    }
    int before = read.errorCount();
    List<String> feeds =
        s.has(SiteKeys.GRID)
            ? read.references(s.node(SiteKeys.GRID), s.at(SiteKeys.GRID), grids, "grid")
            : List.of();
    Long needed = read.whole(s, SiteKeys.FEEDS_NEEDED);
    if (needed != null && feeds != null && needed > Math.max(1, feeds.size())) {
      read.error(
          s.clash(s.valueOrigin(SiteKeys.FEEDS_NEEDED), SiteKeys.GRID),
          s.at(SiteKeys.FEEDS_NEEDED),
          needed
              + " feeds needed, but the site "
              + (feeds.isEmpty() ? "has no grid" : "lists " + feeds.size() + " under grid"));
      needed = null;
    }
    List<String> nets =
        s.has(SiteKeys.NETWORKS)
            ? read.references(
                s.node(SiteKeys.NETWORKS), s.at(SiteKeys.NETWORKS), networks, "network")
            : List.of();
    Double reconverge = read.duration(s, SiteKeys.RECONVERGE);
    String mode = read.choice(s, SiteKeys.NETWORK_MODE);
    Site.NetworkMode networkMode =
        "primary".equals(mode) ? Site.NetworkMode.PRIMARY : Site.NetworkMode.SHARED;
    Double ups = read.duration(s, SiteKeys.UPS);
    Generator generator = s.has(SiteKeys.GENERATOR) ? generator(s) : null;
    Distribution restart = s.has(SiteKeys.RESTART) ? read.distribution(s, SiteKeys.RESTART) : null;
    List<Fire.CurvePoint> restartCurve =
        s.has(SiteKeys.RESTART_CURVE)
            ? curve(s.node(SiteKeys.RESTART_CURVE), s.at(SiteKeys.RESTART_CURVE), false)
            : List.of();
    restartCurve =
        atMost(
            restartCurve,
            s,
            SiteKeys.RESTART_CURVE,
            Fire.CurvePoint.MAX_POINTS,
            "a restart curve",
            "each restart adds a ramp per piece of it");
    Distribution reconnect =
        s.has(SiteKeys.RECONNECT) ? read.distribution(s, SiteKeys.RECONNECT) : null;
    PlaceHazards own = placeHazards(s, SiteKeys.FIRE, SiteKeys.COOLING, SiteKeys::renewal);
    List<Zone> zones = s.has(SiteKeys.ZONES) ? zones(s) : List.of();
    if (read.errorCount() > before
        || feeds == null
        || needed == null
        || reconverge == null
        || ups == null
        || own == null
        || zones == null
        || restartCurve == null) {
      return null;
    }
    return new Site(
        name,
        feeds,
        (int) (long) needed,
        nets,
        reconverge,
        ups,
        generator,
        restart,
        own.fire,
        own.renewals,
        networkMode,
        own.rideThrough,
        own.trips,
        zones,
        restartCurve,
        reconnect);
  }

  /** The hazards of a site or a zone: a fire, faults, cooling with its ride-through and trips. */
  private record PlaceHazards(
      Fire fire, Map<HazardKind, Hazard> renewals, double rideThrough, double trips) {}

  /**
   * The hazards section s (a site's or a zone's) declares under {@code fireKey}, {@code coolingKey}
   * and the renewal kinds' keys ({@code renewalKey}); null after an error.
   */
  private PlaceHazards placeHazards(
      Section s, KeySpec fireKey, KeySpec coolingKey, Function<HazardKind, KeySpec> renewalKey) {
    int before = read.errorCount();
    Fire fire = s.has(fireKey) ? fire(s, fireKey) : null;
    Map<HazardKind, Hazard> renewals = new EnumMap<>(HazardKind.class);
    for (HazardKind kind : HazardKind.siteRenewals()) {
      KeySpec key = renewalKey.apply(kind);
      if (s.has(key) && kind != HazardKind.COOLING) {
        add(renewals, kind, hazardOf(s.entry(key), s.at(key), FaultKeys.SPEC));
      }
    }
    // Cooling: a hazard with a ride-through and trips (its own section).
    Double rideThrough = 0.0;
    Double trips = 0.0;
    if (s.has(coolingKey)) {
      Section c = read.section(s.node(coolingKey), s.at(coolingKey), CoolingKeys.SPEC);
      if (c != null) {
        add(renewals, HazardKind.COOLING, hazard(c));
        rideThrough = read.duration(c, CoolingKeys.RIDE_THROUGH);
        trips = read.probability(c, CoolingKeys.TRIPS);
      }
    }
    if (read.errorCount() > before || rideThrough == null || trips == null) {
      return null;
    }
    return new PlaceHazards(fire, renewals, rideThrough, trips);
  }

  /**
   * The zones of site section s: each a share, a power path and its own hazards; the shares must
   * add up to 1 ({@link Site#SHARE_TOLERANCE}). Empty for an empty section; null after an error.
   */
  private List<Zone> zones(Section s) {
    int before = read.errorCount();
    Map<String, Node.Mapping.Entry> decls = declarations(s, SiteKeys.ZONES);
    if (decls.size() > Site.MAX_ZONES) {
      read.error(
          s.node(SiteKeys.ZONES).origin(),
          s.at(SiteKeys.ZONES),
          String.format(
              java.util.Locale.ROOT,
              "%,d zones; a site may have at most %,d (its capacity is summed over them at every"
                  + " instant of a trial)",
              decls.size(),
              Site.MAX_ZONES));
      return null;
    }
    List<Zone> out = new ArrayList<>();
    double sum = 0;
    // Where a wrong sum was made: a --set of a share, else the file's zones.
    Origin blame = s.node(SiteKeys.ZONES).origin();
    for (Map.Entry<String, Node.Mapping.Entry> d : decls.entrySet()) {
      String path = s.at(SiteKeys.ZONES) + "." + d.getKey();
      Section z = read.section(d.getValue().value(), path, ZoneKeys.SPEC);
      if (z == null) {
        continue;
      }
      if (!z.has(ZoneKeys.SHARE)) {
        read.error(
            z.map.origin(),
            z.at(ZoneKeys.SHARE),
            "missing: give the zone's share of the site's capacity (0 to 1)");
        continue;
      }
      Double share = read.probability(z, ZoneKeys.SHARE);
      if (z.valueOrigin(ZoneKeys.SHARE).override() && !blame.override()) {
        blame = z.valueOrigin(ZoneKeys.SHARE);
      }
      String power = read.choice(z, ZoneKeys.POWER);
      PlaceHazards own = placeHazards(z, ZoneKeys.FIRE, ZoneKeys.COOLING, ZoneKeys::renewal);
      if (share == null || power == null || own == null) {
        continue;
      }
      sum += share;
      out.add(
          new Zone(
              d.getKey(),
              share,
              "utility".equals(UserText.strip(power)),
              own.fire,
              own.renewals,
              own.rideThrough,
              own.trips));
    }
    if (read.errorCount() > before) {
      return null;
    }
    if (!out.isEmpty() && Math.abs(sum - 1) > Site.SHARE_TOLERANCE) {
      read.error(
          blame,
          s.at(SiteKeys.ZONES),
          "the zones' shares add up to "
              + new java.math.BigDecimal(sum)
                  .round(new java.math.MathContext(10))
                  .stripTrailingZeros()
                  .toString()
              + ", not 1: give each zone its part of the site's capacity");
      return null;
    }
    return out;
  }

  private Generator generator(Section site) {
    Section g =
        read.section(
            site.node(SiteKeys.GENERATOR), site.at(SiteKeys.GENERATOR), GeneratorKeys.SPEC);
    if (g == null) {
      return null;
    }
    Double failToStart = read.probability(g, GeneratorKeys.FAIL_TO_START);
    Double perHour = read.rate(g, GeneratorKeys.RATE);
    Distribution repair =
        g.has(GeneratorKeys.REPAIR) ? read.distribution(g, GeneratorKeys.REPAIR) : null;
    Long count = read.whole(g, GeneratorKeys.COUNT);
    Long needed = read.whole(g, GeneratorKeys.NEEDED);
    if (count != null && needed != null && needed > count) {
      read.error(
          g.clash(
              g.has(GeneratorKeys.NEEDED) ? g.valueOrigin(GeneratorKeys.NEEDED) : g.map.origin(),
              GeneratorKeys.COUNT),
          g.at(GeneratorKeys.NEEDED),
          needed + " generators needed, but the site has " + count + " (count)");
      return null;
    }
    return failToStart == null
            || perHour == null
            || (g.has(GeneratorKeys.REPAIR) && repair == null)
            || count == null
            || needed == null
        ? null
        : new Generator(failToStart, perHour, repair, (int) (long) count, (int) (long) needed);
  }

  private Fire fire(Section owner, KeySpec key) {
    Section f = read.section(owner.node(key), owner.at(key), FireKeys.SPEC);
    if (f == null) {
      return null;
    }
    Distribution ttf = timeToFailure(f, FireKeys.RATE, FireKeys.TTF);
    Double contained = read.probability(f, FireKeys.CONTAINED);
    Distribution dark = read.requiredDistribution(f, FireKeys.OUTAGE);
    Distribution restore = read.requiredDistribution(f, FireKeys.RESTORE);
    List<Fire.CurvePoint> curve =
        f.has(FireKeys.RESTORE_CURVE)
            ? atMost(
                curve(f.node(FireKeys.RESTORE_CURVE), f.at(FireKeys.RESTORE_CURVE), false),
                f,
                FireKeys.RESTORE_CURVE,
                Fire.CurvePoint.MAX_POINTS,
                "a fire's restore curve",
                "each fire adds a ramp per piece of it")
            : List.of();
    List<Effect> also = effects(f, FireKeys.ALSO);
    Distribution onset = f.has(HazardKeys.ONSET) ? read.distribution(f, HazardKeys.ONSET) : null;
    Damage damage = f.has(FireKeys.DAMAGE) ? damage(f, FireKeys.DAMAGE) : null;
    int before = read.errorCount();
    RepairNeeds repair = repairNeeds(f);
    if (read.errorCount() > before
        || (f.has(HazardKeys.ONSET) && onset == null)
        || (f.has(FireKeys.DAMAGE) && damage == null)
        || ttf == null
        || contained == null
        || dark == null
        || restore == null
        || curve == null
        || also == null) {
      return null;
    }
    return new Fire(ttf, contained, dark, restore, curve, onset, also, damage, repair);
  }

  private Service service(
      String name, Node.Mapping.Entry e, Set<String> sites, Set<String> services) {
    Section s = read.section(e.value(), "services." + name, ServiceKeys.SPEC);
    if (s == null) {
      return null;
    }
    int before = read.errorCount();
    Double users = read.count(s, ServiceKeys.USERS);
    Double demand = read.count(s, ServiceKeys.DEMAND);
    List<Placement> deploy = List.of();
    if (s.has(ServiceKeys.DEPLOY)) {
      deploy = placements(s, ServiceKeys.DEPLOY, sites);
      if (deploy != null && deploy.isEmpty()) {
        read.error(
            s.node(ServiceKeys.DEPLOY).origin(),
            s.at(ServiceKeys.DEPLOY),
            "no sites given (expected site: capacity)");
      }
    } else {
      read.error(
          s.map.origin(),
          s.at(ServiceKeys.DEPLOY),
          "missing: where the service runs (deploy: {site: capacity})");
    }
    List<Placement> standby =
        s.has(ServiceKeys.STANDBY) ? placements(s, ServiceKeys.STANDBY, sites) : List.of();
    Failover failover = null;
    if (s.has(ServiceKeys.FAILOVER)) {
      failover = failover(s, services);
    } else if (s.has(ServiceKeys.STANDBY)) {
      read.error(
          s.removal(s.keyOrigin(ServiceKeys.STANDBY)),
          s.at(ServiceKeys.STANDBY),
          "standby capacity needs a failover section (how and when the standby joins)");
    }
    List<String> requires =
        s.has(ServiceKeys.REQUIRES)
            ? read.references(
                s.node(ServiceKeys.REQUIRES), s.at(ServiceKeys.REQUIRES), services, "service")
            : List.of();
    Map<String, Double> lags = s.has(ServiceKeys.REQUIRES_LAG) ? lags(s, requires) : Map.of();
    Double slo = read.probability(s, ServiceKeys.SLO);
    if (slo != null && ServiceKeys.SLO.type().range().below(slo)) {
      read.error(
          s.valueOrigin(ServiceKeys.SLO),
          s.at(ServiceKeys.SLO),
          "must be above 0 (a service is down when served < slo)");
      slo = null;
    }
    OptionalDouble rto = OptionalDouble.empty();
    if (s.has(ServiceKeys.RTO)) {
      Double hours = read.duration(s, ServiceKeys.RTO);
      rto = hours == null ? null : OptionalDouble.of(hours);
    }
    Data data = s.has(ServiceKeys.DATA) ? data(s, deploy, sites) : null;
    OptionalDouble rpo = OptionalDouble.empty();
    if (s.has(ServiceKeys.RPO)) {
      Double hours = read.duration(s, ServiceKeys.RPO);
      rpo = hours == null ? null : OptionalDouble.of(hours);
      if (!s.has(ServiceKeys.DATA)) {
        read.error(
            s.removal(s.keyOrigin(ServiceKeys.RPO)),
            s.at(ServiceKeys.RPO),
            "an rpo needs the service's data section (where its data lives and how it is"
                + " copied)");
      }
    }
    Long priority =
        s.has(ServiceKeys.RESTORE_PRIORITY)
            ? read.whole(s, ServiceKeys.RESTORE_PRIORITY)
            : Long.valueOf(Service.LAST);
    List<Fire.CurvePoint> curve = List.of();
    if (s.has(ServiceKeys.RESTORE_CURVE)) {
      curve =
          atMost(
              curve(s.node(ServiceKeys.RESTORE_CURVE), s.at(ServiceKeys.RESTORE_CURVE), true),
              s,
              ServiceKeys.RESTORE_CURVE,
              Fire.CurvePoint.MAX_POINTS,
              "a service's restore curve",
              "each point is a kink the sweep finds in every ramp of its sites");
      if (s.has(ServiceKeys.RESTORE_PRIORITY)) {
        read.error(
            s.clash(s.keyOrigin(ServiceKeys.RESTORE_CURVE), ServiceKeys.RESTORE_PRIORITY),
            s.at(ServiceKeys.RESTORE_CURVE),
            "a service restores along its own curve or in the order of restore_priority, not"
                + " both; remove one");
      }
    }
    if (read.errorCount() > before
        || users == null
        || demand == null
        || deploy == null
        || standby == null
        || requires == null
        || lags == null
        || slo == null
        || rto == null
        || rpo == null
        || priority == null
        || curve == null
        || (s.has(ServiceKeys.DATA) && data == null)) {
      return null;
    }
    return new Service(
        name,
        users,
        demand,
        deploy,
        standby,
        failover,
        requires,
        lags,
        slo,
        rto,
        data,
        rpo,
        (int) (long) priority,
        curve);
  }

  /**
   * The {@code data} section of service s: its primary (by default the first site it is deployed
   * at), replica and backups, each a declared site or zone other than the primary's.
   */
  private Data data(Section service, List<Placement> deploy, Set<String> sites) {
    Section d =
        read.section(service.node(ServiceKeys.DATA), service.at(ServiceKeys.DATA), DataKeys.SPEC);
    if (d == null) {
      return null;
    }
    int before = read.errorCount();
    String primary =
        d.has(DataKeys.PRIMARY)
            ? read.reference(d.node(DataKeys.PRIMARY), d.at(DataKeys.PRIMARY), sites, "site")
            : deploy == null || deploy.isEmpty() ? null : deploy.get(0).site();
    String replica = copySite(d, DataKeys.REPLICA, primary, sites);
    Double lag = read.duration(d, DataKeys.LAG);
    if (d.has(DataKeys.LAG) && !d.has(DataKeys.REPLICA)) {
      read.error(
          d.removal(d.keyOrigin(DataKeys.LAG)),
          d.at(DataKeys.LAG),
          "a replication lag needs a replica (the site or zone the copy is kept at)");
    }
    String backup = copySite(d, DataKeys.BACKUP, primary, sites);
    Double interval = Double.NaN;
    if (d.has(DataKeys.BACKUP_INTERVAL)) {
      interval = read.duration(d, DataKeys.BACKUP_INTERVAL);
      if (!d.has(DataKeys.BACKUP)) {
        read.error(
            d.removal(d.keyOrigin(DataKeys.BACKUP_INTERVAL)),
            d.at(DataKeys.BACKUP_INTERVAL),
            "a backup interval needs backup (the site or zone the backups are kept at)");
      }
    } else if (d.has(DataKeys.BACKUP)) {
      read.error(
          d.removal(d.keyOrigin(DataKeys.BACKUP)),
          d.at(DataKeys.BACKUP_INTERVAL),
          "missing: backups need their interval (e.g. backup_interval: 24h)");
    }
    if (read.errorCount() > before || primary == null || lag == null || interval == null) {
      return null;
    }
    return new Data(primary, replica, lag, backup, interval);
  }

  /** A copy's site or zone under {@code key}: declared, and not the primary's; null if left out. */
  private String copySite(Section d, KeySpec key, String primary, Set<String> sites) {
    if (!d.has(key)) {
      return null;
    }
    String site = read.reference(d.node(key), d.at(key), sites, "site");
    if (site == null || primary == null) {
      return site;
    }
    String why =
        site.equals(primary)
            ? "the primary's own site or zone"
            : Zone.siteOf(site).equals(primary)
                ? "a zone of the primary's site " + primary
                : Zone.siteOf(primary).equals(site)
                    ? "the site of the primary's zone " + primary
                    : null;
    if (why != null) {
      read.error(
          d.valueOrigin(key),
          d.at(key),
          why + ": a copy there is lost with the primary; name another site, or another zone");
      return null;
    }
    return site;
  }

  private Failover failover(Section service, Set<String> services) {
    Section f =
        read.section(
            service.node(ServiceKeys.FAILOVER),
            service.at(ServiceKeys.FAILOVER),
            FailoverKeys.SPEC);
    if (f == null) {
      return null;
    }
    Distribution time = read.requiredDistribution(f, FailoverKeys.TIME);
    Double success = read.probability(f, FailoverKeys.SUCCESS);
    List<String> needs =
        f.has(FailoverKeys.NEEDS)
            ? read.references(
                f.node(FailoverKeys.NEEDS), f.at(FailoverKeys.NEEDS), services, "service")
            : List.of();
    Distribution manual =
        f.has(FailoverKeys.MANUAL) ? read.distribution(f, FailoverKeys.MANUAL) : null;
    return time == null || success == null || needs == null
        ? null
        : new Failover(time, success, needs, manual);
  }

  /**
   * The {@code requires_lag} of service section s: a mapping of services it requires ({@code
   * required}, null after an error there: nothing to check against) to durations; a lag of 0 is no
   * lag. Null after an error.
   */
  private Map<String, Double> lags(Section s, List<String> required) {
    KeySpec key = ServiceKeys.REQUIRES_LAG;
    Node node = s.node(key);
    String path = s.at(key);
    if (isEmpty(node)) {
      return Map.of();
    }
    if (!(node instanceof Node.Mapping map)) {
      read.error(node.origin(), path, "expected " + key.type().expected() + ", got " + node.kind());
      return null;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Node.Mapping.Entry e : map.entries()) {
      String p = path + "." + e.key();
      String name = UserText.strip(e.key());
      if (required != null && !required.contains(name)) {
        read.error(
            e.keyOrigin(),
            p,
            serviceNames.contains(name)
                ? UserText.quote(name)
                    + " is not in requires: a lag is how long this service takes to catch up"
                    + " after a service it requires returns"
                : read.unknown("service", name, serviceNames));
        ok = false;
        continue;
      }
      if (out.containsKey(name)) {
        read.error(e.keyOrigin(), p, "service " + UserText.quote(name) + " is given twice");
        ok = false;
        continue;
      }
      Double hours = read.duration(e.value(), p, key.type().range());
      if (hours == null) {
        ok = false;
      } else if (hours > 0) {
        out.put(name, hours);
      }
    }
    return ok && required != null ? out : null;
  }

  /** A mapping of declared sites to capacities in the key's range. */
  private List<Placement> placements(Section s, KeySpec key, Set<String> sites) {
    Node node = s.node(key);
    String path = s.at(key);
    if (!(node instanceof Node.Mapping map)) {
      read.error(node.origin(), path, "expected " + key.type().expected() + ", got " + node.kind());
      return null;
    }
    List<Placement> out = new ArrayList<>();
    Set<String> given = new HashSet<>();
    boolean ok = true;
    for (Node.Mapping.Entry e : map.entries()) {
      String p = path + "." + e.key();
      // A site named with blanks around it (a no-break space from copied text) is that site.
      String site = UserText.strip(e.key());
      if (!sites.contains(site)) {
        read.error(e.keyOrigin(), p, read.unknown("site", site, sites));
        ok = false;
        continue;
      }
      if (!given.add(site)) {
        read.error(e.keyOrigin(), p, "site " + UserText.quote(site) + " is given twice");
        ok = false;
        continue;
      }
      Double c = read.count(e.value(), p, key.type().range());
      if (c == null) {
        ok = false;
      } else {
        out.add(new Placement(site, c));
      }
    }
    return ok ? out : null;
  }

  /**
   * {@code curve} (null after an error), or null after an error if it has more than {@code max}
   * points: {@code what} has at most max ({@code why}).
   */
  private List<Fire.CurvePoint> atMost(
      List<Fire.CurvePoint> curve, Section s, KeySpec key, int max, String what, String why) {
    if (curve != null && curve.size() > max) {
      read.error(
          s.node(key).origin(),
          s.at(key),
          curve.size() + " points; " + what + " has at most " + max + " (" + why + ")");
      return null;
    }
    return curve;
  }

  /**
   * A curve of points [x, y] in [0, 1]², x increasing, ending at [1, 1] (y may fall and rise): a
   * restore or restart curve (x a fraction of the restore or restart time, starting anywhere at x =
   * 0) or, with {@code share}, a service's ([site fraction, service fraction], starting at [0, 0]).
   * Null after an error.
   */
  private List<Fire.CurvePoint> curve(Node node, String path, boolean share) {
    ValueType type = share ? ServiceKeys.RESTORE_CURVE.type() : FireKeys.RESTORE_CURVE.type();
    String xName = share ? "site fraction" : "time fraction";
    String yName = share ? "service fraction" : "capacity";
    if (!(node instanceof Node.Sequence seq) || seq.items().size() < 2) {
      read.error(node.origin(), path, "expected " + type.expected());
      return null;
    }
    List<Fire.CurvePoint> points = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String at = path + "[" + i + "]";
      if (!(item instanceof Node.Sequence pair) || pair.items().size() != 2) {
        read.error(
            item.origin(),
            at,
            "expected a pair [" + xName + ", " + yName + "], got " + item.kind());
        return null;
      }
      Double x = read.number(pair.items().get(0), at + "[0]", "a " + xName + " between 0 and 1");
      Double y = read.number(pair.items().get(1), at + "[1]", "a " + yName + " between 0 and 1");
      if (x == null || y == null) {
        return null;
      }
      String problem = null;
      if (!(x >= 0 && x <= 1) || !(y >= 0 && y <= 1)) {
        problem = xName + " and " + yName + " must lie between 0 and 1";
      } else if (i == 0 && x != 0) {
        problem = "the curve must start at " + xName + " 0";
      } else if (share && i == 0 && y != 0) {
        problem = "the curve must start at [0, 0] (no share of the service runs on a dark site)";
      } else if (i > 0 && !(x > points.get(i - 1).at())) {
        problem = xName + "s must increase";
      } else if (i == seq.items().size() - 1 && (x != 1 || y != 1)) {
        problem =
            share
                ? "the curve must end at [1, 1] (the whole service with the whole site)"
                : "the curve must end at [1, 1] (full capacity when the time is over)";
      }
      if (problem != null) {
        read.error(item.origin(), at, problem);
        return null;
      }
      points.add(new Fire.CurvePoint(x, y));
    }
    return points;
  }

  /** The weekly profile: {@code profile}'s weights scaled to mean 1, and {@code start}. */
  private ActivityProfile profile(Section top) {
    List<Double> weights = List.of();
    if (top.has(TopKeys.PROFILE)) {
      weights = weights(top.node(TopKeys.PROFILE));
      if (weights == null) {
        return null;
      }
    }
    Double start = read.weekTime(top, TopKeys.START);
    return start == null ? null : new ActivityProfile(weights, start);
  }

  /**
   * The staffing factors: 168 numbers from {@link Model#MIN_STAFFING} to {@link
   * Model#MAX_STAFFING}; all 1 is the same as none (an empty list), so that it gives exactly the
   * results of no staffing. Null after an error.
   */
  private List<Double> staffing(Section top) {
    double[] f =
        hourly(
            top.node(TopKeys.STAFFING),
            TopKeys.STAFFING,
            "factors",
            "a factor from 0.01 to 100",
            v -> v >= Model.MIN_STAFFING && v <= Model.MAX_STAFFING,
            "a factor must be from 0.01 to 100 (1: work takes as long as drawn), got ");
    if (f == null) {
      return null;
    }
    return Arrays.stream(f).allMatch(x -> x == 1) ? List.of() : Arrays.stream(f).boxed().toList();
  }

  private List<Double> weights(Node node) {
    double[] w =
        hourly(
            node,
            TopKeys.PROFILE,
            "weights",
            "a weight >= 0",
            v -> v >= 0,
            "weight must be zero or more, got ");
    if (w == null) {
      return null;
    }
    double max = Arrays.stream(w).max().orElse(0);
    if (!(max > 0)) {
      read.error(node.origin(), "profile", "all weights are zero (expected some activity)");
      return null;
    }
    return meanOne(w, max);
  }

  /**
   * A list of 168 hourly numbers under top-level {@code key} (Monday 00:00 first), each one that
   * {@code valid} accepts ({@code invalid} followed by the value, at the value, otherwise); null
   * after an error.
   */
  private double[] hourly(
      Node node,
      KeySpec key,
      String things,
      String expectedOne,
      java.util.function.DoublePredicate valid,
      String invalid) {
    String name = key.name();
    if (!(node instanceof Node.Sequence seq)) {
      read.error(node.origin(), name, "expected " + key.type().expected() + ", got " + node.kind());
      return null;
    }
    if (seq.items().size() != ActivityProfile.HOURS_PER_WEEK) {
      read.error(
          seq.origin(),
          name,
          "expected 168 hourly " + things + " (Monday 00:00 first), got " + seq.items().size());
      return null;
    }
    double[] out = new double[seq.items().size()];
    for (int i = 0; i < out.length; i++) {
      String path = name + "[" + i + "]";
      Double v = read.number(seq.items().get(i), path, expectedOne);
      if (v == null) {
        return null;
      }
      if (!valid.test(v)) {
        read.error(seq.items().get(i).origin(), path, invalid + Units.exact(v));
        return null;
      }
      out[i] = v;
    }
    return out;
  }

  /**
   * Weights scaled to mean 1, without overflow: each is first divided by the largest (so their sum
   * is at most 168), then by the mean of the quotients. Equal weights are the flat profile (an
   * empty list), so that they give exactly the results of no profile.
   */
  private static List<Double> meanOne(double[] w, double max) {
    if (Arrays.stream(w).allMatch(x -> x == max)) {
      return List.of();
    }
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] /= max;
      sum += w[i];
    }
    double mean = sum / w.length;
    return Arrays.stream(w).map(x -> x / mean).boxed().toList();
  }

  private static <K, V> void add(Map<K, V> out, K key, V part) {
    if (part != null) {
      out.put(key, part);
    }
  }

  private static <T, R> void add(List<R> out, T part, Function<T, R> build) {
    if (part != null) {
      out.add(build.apply(part));
    }
  }
}
