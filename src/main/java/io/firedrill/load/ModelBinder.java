package io.firedrill.load;

import io.firedrill.dist.Distribution;
import io.firedrill.dist.DistributionParser;
import io.firedrill.dist.Exponential;
import io.firedrill.dist.Never;
import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.load.yaml.Node;
import io.firedrill.load.yaml.Origin;
import io.firedrill.model.ActivityProfile;
import io.firedrill.model.Failover;
import io.firedrill.model.Fire;
import io.firedrill.model.Generator;
import io.firedrill.model.Grid;
import io.firedrill.model.Hazard;
import io.firedrill.model.Model;
import io.firedrill.model.Network;
import io.firedrill.model.Placement;
import io.firedrill.model.Service;
import io.firedrill.model.Site;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds a located YAML tree to a {@link Model}, checking everything docs/model-format.md asks.
 *
 * <p>It does not stop at the first defect: each section is read as far as it can be, defects are
 * collected with their position and key path, and a record is built only from parts that were all
 * valid. Cross-references (sites, grids, networks, services) are checked against the names the file
 * declares, whether or not those declarations were themselves valid, so that one typo gives one
 * error rather than a cascade.
 */
final class ModelBinder {
  /** Names of sites, grids, networks and services: they appear in paths, causes and CSV. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9-]+");

  /** The name that stands for the sum over all services in outputs. */
  static final String TOTAL = "total";

  private final List<ModelError> errors = new ArrayList<>();
  private final List<ModelWarning> warnings = new ArrayList<>();
  private final NearNames near = new NearNames();
  private final Node root;

  private ModelBinder(Node root) {
    this.root = root;
  }

  /** A bound model and the warnings about it. */
  record Bound(Model model, List<ModelWarning> warnings) {}

  /** Binds {@code root} or throws every defect found. */
  static Bound bind(Node root) throws ModelException {
    ModelBinder binder = new ModelBinder(root);
    Model model = binder.model();
    // Sections are read in a fixed order; a user reads the file top to bottom. Overrides (line 0)
    // come first, in the order given.
    if (!binder.errors.isEmpty() || model == null) {
      throw new ModelException(inFileOrder(binder.errors, ModelError::origin));
    }
    return new Bound(model, inFileOrder(binder.warnings, ModelWarning::origin));
  }

  private static <T> List<T> inFileOrder(List<T> found, java.util.function.Function<T, Origin> at) {
    List<T> sorted = new ArrayList<>(found);
    sorted.sort(
        java.util.Comparator.comparingInt((T x) -> at.apply(x).line())
            .thenComparingInt(x -> at.apply(x).column()));
    return List.copyOf(sorted);
  }

  // ---------------------------------------------------------------------------------------------
  // Sections

  private Model model() {
    if (!(root instanceof Node.Mapping map)) {
      error(
          root.origin(),
          "",
          "expected a mapping with name, sites and services, got " + root.kind());
      return null;
    }
    Section top =
        new Section(
            map,
            "",
            "name",
            "description",
            "horizon",
            "scenario_horizon",
            "trials",
            "seed",
            "profile",
            "start",
            "grids",
            "networks",
            "sites",
            "services",
            "cost");
    String name = modelName(top);
    // description: with nothing after it is no description, not an error.
    String description =
        top.has("description") && !isEmpty(top.node("description")) ? text(top, "description") : "";
    Double horizon =
        top.has("horizon") ? horizon(top, "horizon") : Double.valueOf(Units.HOURS_PER_YEAR);
    Double scenarioHorizon =
        top.has("scenario_horizon")
            ? horizon(top, "scenario_horizon")
            : Double.valueOf(Model.DEFAULT_SCENARIO_HORIZON_HOURS);
    Long trials =
        top.has("trials")
            ? whole(top.node("trials"), "trials", 1, Model.MAX_TRIALS)
            : Long.valueOf(100_000);
    Long seed =
        top.has("seed") ? whole(top.node("seed"), "seed", 0, Long.MAX_VALUE) : Long.valueOf(1);
    ActivityProfile profile = profile(top);

    Map<String, Node.Mapping.Entry> gridDecls = declarations(top, "grids");
    Map<String, Node.Mapping.Entry> networkDecls = declarations(top, "networks");
    Map<String, Node.Mapping.Entry> siteDecls = declarations(top, "sites");
    Map<String, Node.Mapping.Entry> serviceDecls = declarations(top, "services");
    if (serviceDecls.containsKey(TOTAL)) {
      error(
          serviceDecls.get(TOTAL).keyOrigin(),
          "services." + TOTAL,
          "'total' is reserved for the sum over all services; choose another name");
    }
    // An empty section (sites: with nothing after it, ~, null, {}) declares nothing: a model
    // without a site or a service has nothing to simulate.
    if (!top.has("sites")) {
      error(map.origin(), "sites", "missing: a model needs at least one site");
    } else if (siteDecls.isEmpty() && isEmpty(top.node("sites"))) {
      error(top.node("sites").origin(), "sites", "no sites given (expected at least one)");
    }
    if (!top.has("services")) {
      error(map.origin(), "services", "missing: a model needs at least one service");
    } else if (serviceDecls.isEmpty() && isEmpty(top.node("services"))) {
      error(top.node("services").origin(), "services", "no services given (expected at least one)");
    }

    List<Grid> grids = new ArrayList<>();
    gridDecls.forEach(
        (n, e) ->
            add(grids, hazardOf(e, "grids." + n, "rate", "ttf", "outage"), h -> new Grid(n, h)));
    List<Network> networks = new ArrayList<>();
    networkDecls.forEach(
        (n, e) ->
            add(
                networks,
                hazardOf(e, "networks." + n, "rate", "ttf", "outage"),
                h -> new Network(n, h)));
    List<Site> sites = new ArrayList<>();
    siteDecls.forEach(
        (n, e) -> {
          Site s = site(n, e, gridDecls.keySet(), networkDecls.keySet());
          if (s != null) {
            sites.add(s);
          }
        });
    List<Service> services = new ArrayList<>();
    serviceDecls.forEach(
        (n, e) -> {
          Service s = service(n, e, siteDecls.keySet(), serviceDecls.keySet());
          if (s != null) {
            services.add(s);
          }
        });
    checkCycles(serviceDecls);
    List<Model.Price> prices = new ArrayList<>();
    if (top.has("cost")) {
      Node node = top.node("cost");
      if (!(node instanceof Node.Mapping costs)) {
        error(
            node.origin(),
            "cost",
            "expected a mapping of site: price per capacity unit per year,"
                + " got "
                + node.kind());
      } else {
        for (Node.Mapping.Entry e : costs.entries()) {
          String path = "cost." + e.key();
          if (!siteDecls.containsKey(e.key())) {
            error(e.keyOrigin(), path, unknown("site", e.key(), siteDecls.keySet()));
            continue;
          }
          Double price = count(e.value(), path, true);
          if (price != null) {
            prices.add(new Model.Price(e.key(), price));
          }
        }
      }
    }

    if (!errors.isEmpty()
        || name == null
        || horizon == null
        || scenarioHorizon == null
        || trials == null
        || seed == null
        || profile == null) {
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
            prices);
    warnUnused(model, gridDecls, networkDecls, siteDecls);
    warnIdle(model, siteDecls, serviceDecls);
    warnStandby(model, serviceDecls);
    return model;
  }

  // ---------------------------------------------------------------------------------------------
  // Warnings

  /** A site with no placement, a grid that feeds no site, a network no site lists. */
  private void warnUnused(
      Model m,
      Map<String, Node.Mapping.Entry> grids,
      Map<String, Node.Mapping.Entry> networks,
      Map<String, Node.Mapping.Entry> sites) {
    Set<String> placed = new LinkedHashSet<>();
    for (Service s : m.services()) {
      s.deploy().forEach(p -> placed.add(p.site()));
      s.standby().forEach(p -> placed.add(p.site()));
    }
    for (Site s : m.sites()) {
      if (!placed.contains(s.name())) {
        warn(
            sites.get(s.name()).keyOrigin(),
            "sites." + s.name(),
            "no service is deployed or on standby here");
      }
    }
    Set<String> fed = new HashSet<>();
    Set<String> listed = new HashSet<>();
    for (Site s : m.sites()) {
      fed.add(s.grid());
      listed.addAll(s.networks());
    }
    for (Grid g : m.grids()) {
      if (!fed.contains(g.name())) {
        warn(grids.get(g.name()).keyOrigin(), "grids." + g.name(), "no site is fed by this grid");
      }
    }
    for (Network n : m.networks()) {
      if (!listed.contains(n.name())) {
        warn(
            networks.get(n.name()).keyOrigin(),
            "networks." + n.name(),
            "no site lists this network");
      }
    }
  }

  /**
   * Parts that can never act, or a service down before anything fails: a UPS or generator at a site
   * with no grid (only grid outages go through them), a failover with no standby to bring in, an
   * active deployment short of demand with every site up.
   */
  private void warnIdle(
      Model m, Map<String, Node.Mapping.Entry> sites, Map<String, Node.Mapping.Entry> services) {
    for (Site s : m.sites()) {
      if (s.grid() != null) {
        continue;
      }
      Node.Mapping decl = (Node.Mapping) sites.get(s.name()).value();
      for (String key : List.of("ups", "generator")) {
        if (decl.get(key) != null && !(key.equals("ups") && s.upsHours() == 0)) {
          warn(
              decl.get(key).keyOrigin(),
              "sites." + s.name() + "." + key,
              "has no effect: the site has no grid, and only grid outages go through the UPS and"
                  + " generator (a fault cuts power directly)");
        }
      }
    }
    for (Service svc : m.services()) {
      Node.Mapping decl = (Node.Mapping) services.get(svc.name()).value();
      if (svc.failover() != null && svc.failover().needs().contains(svc.name())) {
        Node.Mapping failover = (Node.Mapping) decl.get("failover").value();
        warn(
            failover.get("needs").keyOrigin(),
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
            decl.get("failover").keyOrigin(),
            "services." + svc.name() + ".failover",
            "has no standby to bring in: nothing joins when the active capacity falls short");
      }
      double active = svc.deploy().stream().mapToDouble(Placement::capacity).sum();
      if (active < svc.demand()) {
        boolean down = active < svc.slo() * svc.demand();
        warn(
            decl.get("deploy").keyOrigin(),
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
  private void warnStandby(Model m, Map<String, Node.Mapping.Entry> services) {
    for (Service svc : m.services()) {
      double standby = svc.standby().stream().mapToDouble(Placement::capacity).sum();
      if (!(standby > 0)) {
        continue;
      }
      // What is left when one site is lost is the total less that site's share (a site appears
      // at most once in deploy and once in standby), summed exactly: one pass per service, not
      // one per site and placement, which was quadratic in the sites of a wide deployment.
      BigDecimal allActive = BigDecimal.ZERO;
      for (Placement p : svc.deploy()) {
        allActive = allActive.add(new BigDecimal(p.capacity()));
      }
      BigDecimal allStandby = BigDecimal.ZERO;
      Map<String, Double> standbyAt = new HashMap<>();
      for (Placement p : svc.standby()) {
        allStandby = allStandby.add(new BigDecimal(p.capacity()));
        standbyAt.put(p.site(), p.capacity());
      }
      BigDecimal all = allActive.add(allStandby);
      double needed = svc.slo() * svc.demand();
      BigDecimal neededExactly = new BigDecimal(needed);
      for (Placement lost : svc.deploy()) {
        if (!(lost.capacity() > 0)) {
          continue;
        }
        BigDecimal left =
            all.subtract(new BigDecimal(lost.capacity()))
                .subtract(new BigDecimal(standbyAt.getOrDefault(lost.site(), 0.0)));
        if (left.compareTo(neededExactly) >= 0) {
          continue;
        }
        double best = Math.min(svc.demand(), left.doubleValue());
        Node.Mapping decl = (Node.Mapping) services.get(svc.name()).value();
        warn(
            decl.get("standby").keyOrigin(),
            "services." + svc.name() + ".standby",
            "when "
                + lost.site()
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
                + lost.site()
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
    warnings.add(new ModelWarning(origin, path, message));
  }

  private String modelName(Section top) {
    if (!top.has("name")) {
      error(top.map.origin(), "name", "missing: every model needs a name ([a-z0-9-]+)");
      return null;
    }
    Node.Scalar s = scalar(top.node("name"), "name", "a name of lowercase letters, digits and -");
    if (s == null) {
      return null;
    }
    if (tooLong(s.text())) {
      error(s.textOrigin(), "name", longName(s.text()));
      return null;
    }
    if (!MODEL_NAME.matcher(s.text()).matches()) {
      error(
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
  private Map<String, Node.Mapping.Entry> declarations(Section top, String key) {
    Map<String, Node.Mapping.Entry> decls = new LinkedHashMap<>();
    if (!top.has(key)) {
      return decls;
    }
    Node node = top.node(key);
    if (node instanceof Node.Scalar s && s.isNull()) {
      return decls;
    }
    if (!(node instanceof Node.Mapping map)) {
      error(node.origin(), key, "expected a mapping of names to definitions, got " + node.kind());
      return decls;
    }
    for (Node.Mapping.Entry e : map.entries()) {
      if (tooLong(e.key())) {
        error(e.keyOrigin(), key + "." + e.key(), longName(e.key()));
      } else if (!NAME.matcher(e.key()).matches()) {
        error(
            e.keyOrigin(),
            key + "." + e.key(),
            UserText.quote(e.key())
                + " is not a valid name (lowercase letters, digits, - and _; starting with a letter"
                + " or digit)");
      }
      decls.put(e.key(), e);
    }
    return decls;
  }

  private Hazard hazardOf(Node.Mapping.Entry e, String path, String... keys) {
    Section s = section(e.value(), path, keys);
    return s == null ? null : hazard(s);
  }

  /** The {@code rate}/{@code ttf} and {@code outage} of a hazard section. */
  private Hazard hazard(Section s) {
    Distribution ttf = timeToFailure(s);
    Distribution outage = requiredDistribution(s, "outage");
    return ttf == null || outage == null ? null : new Hazard(ttf, outage);
  }

  private Distribution timeToFailure(Section s) {
    boolean rate = s.has("rate");
    boolean ttf = s.has("ttf");
    if (rate && ttf) {
      error(s.keyOrigin("ttf"), s.at("ttf"), "give either rate or ttf, not both");
      return null;
    }
    if (!rate && !ttf) {
      error(
          s.map.origin(),
          s.at("rate"),
          "missing: give rate (such as 0.5/y) or ttf (a distribution)");
      return null;
    }
    if (ttf) {
      return distribution(s.node("ttf"), s.at("ttf"));
    }
    // A rate of 0 is a hazard that never strikes on its own (a scenario may still force it, and
    // a sweep may start there).
    Double perHour = rate(s, "rate", true);
    return perHour == null ? null : perHour == 0 ? Never.INSTANCE : Exponential.ofRate(perHour);
  }

  private Site site(String name, Node.Mapping.Entry e, Set<String> grids, Set<String> networks) {
    String path = "sites." + name;
    Section s =
        section(
            e.value(),
            path,
            "grid",
            "networks",
            "reconverge",
            "network_mode",
            "ups",
            "generator",
            "restart",
            "fire",
            "fault");
    if (s == null) {
      return null;
    }
    int before = errors.size();
    String grid = s.has("grid") ? reference(s.node("grid"), s.at("grid"), grids, "grid") : null;
    List<String> nets =
        s.has("networks")
            ? references(s.node("networks"), s.at("networks"), networks, "network")
            : List.of();
    Double reconverge = s.has("reconverge") ? duration(s, "reconverge", true) : Double.valueOf(0);
    Site.NetworkMode networkMode = Site.NetworkMode.SHARED;
    if (s.has("network_mode")) {
      Node.Scalar v = scalar(s.node("network_mode"), s.at("network_mode"), "shared or primary");
      if (v != null && v.text().equals("primary")) {
        networkMode = Site.NetworkMode.PRIMARY;
      } else if (v != null && !v.text().equals("shared")) {
        error(
            v.textOrigin(),
            s.at("network_mode"),
            "expected shared or primary, got " + UserText.quote(v.text()));
      }
    }
    Double ups = s.has("ups") ? duration(s, "ups", true) : Double.valueOf(0);
    Generator generator = null;
    if (s.has("generator")) {
      Section g = section(s.node("generator"), s.at("generator"), "fail_to_start", "rate");
      if (g != null) {
        Double fts = g.has("fail_to_start") ? probability(g, "fail_to_start") : Double.valueOf(0);
        Double perHour = g.has("rate") ? rate(g, "rate", true) : Double.valueOf(0);
        generator = fts == null || perHour == null ? null : new Generator(fts, perHour);
      }
    }
    Distribution restart =
        s.has("restart") ? distribution(s.node("restart"), s.at("restart")) : null;
    Fire fire = null;
    if (s.has("fire")) {
      Section f =
          section(
              s.node("fire"),
              s.at("fire"),
              "rate",
              "ttf",
              "contained",
              "outage",
              "restore",
              "restore_curve");
      if (f != null) {
        Distribution ttf = timeToFailure(f);
        Double contained = f.has("contained") ? probability(f, "contained") : Double.valueOf(0);
        Distribution dark = requiredDistribution(f, "outage");
        Distribution restore = requiredDistribution(f, "restore");
        List<Fire.CurvePoint> curve =
            f.has("restore_curve")
                ? restoreCurve(f.node("restore_curve"), f.at("restore_curve"))
                : List.of();
        if (ttf != null && contained != null && dark != null && restore != null && curve != null) {
          fire = new Fire(ttf, contained, dark, restore, curve);
        }
      }
    }
    Hazard fault =
        s.has("fault")
            ? hazardOf(s.map.get("fault"), s.at("fault"), "rate", "ttf", "outage")
            : null;
    if (errors.size() > before || reconverge == null || ups == null) {
      return null;
    }
    return new Site(
        name, grid, nets, reconverge, ups, generator, restart, fire, fault, networkMode);
  }

  private Service service(
      String name, Node.Mapping.Entry e, Set<String> sites, Set<String> services) {
    String path = "services." + name;
    Section s =
        section(
            e.value(),
            path,
            "users",
            "demand",
            "deploy",
            "standby",
            "failover",
            "requires",
            "slo",
            "rto");
    if (s == null) {
      return null;
    }
    int before = errors.size();
    Double users = s.has("users") ? count(s, "users", true) : Double.valueOf(0);
    Double demand = s.has("demand") ? count(s, "demand", false) : Double.valueOf(1);
    List<Placement> deploy = List.of();
    if (s.has("deploy")) {
      deploy = placements(s.node("deploy"), s.at("deploy"), sites);
      if (deploy != null && deploy.isEmpty()) {
        error(
            s.node("deploy").origin(), s.at("deploy"), "no sites given (expected site: capacity)");
      }
    } else {
      error(
          s.map.origin(),
          s.at("deploy"),
          "missing: where the service runs (deploy: {site: capacity})");
    }
    List<Placement> standby =
        s.has("standby") ? placements(s.node("standby"), s.at("standby"), sites) : List.of();
    Failover failover = null;
    if (s.has("failover")) {
      Section f =
          section(s.node("failover"), s.at("failover"), "time", "success", "needs", "manual");
      if (f != null) {
        Distribution time = requiredDistribution(f, "time");
        Double success = f.has("success") ? probability(f, "success") : Double.valueOf(1);
        List<String> needs =
            f.has("needs")
                ? references(f.node("needs"), f.at("needs"), services, "service")
                : List.of();
        Distribution manual =
            f.has("manual") ? distribution(f.node("manual"), f.at("manual")) : null;
        if (time != null && success != null && needs != null) {
          failover = new Failover(time, success, needs, manual);
        }
      }
    } else if (s.has("standby")) {
      error(
          s.keyOrigin("standby"),
          s.at("standby"),
          "standby capacity needs a failover section (how and when the standby joins)");
    }
    List<String> requires =
        s.has("requires")
            ? references(s.node("requires"), s.at("requires"), services, "service")
            : List.of();
    Double slo = 0.99;
    if (s.has("slo")) {
      slo = probability(s, "slo");
      if (slo != null && slo == 0) {
        error(
            s.valueOrigin("slo"),
            s.at("slo"),
            "must be above 0 (a service is down when served < slo)");
        slo = null;
      }
    }
    OptionalDouble rto = OptionalDouble.empty();
    if (s.has("rto")) {
      Double hours = duration(s, "rto", false);
      rto = hours == null ? null : OptionalDouble.of(hours);
    }
    if (errors.size() > before
        || users == null
        || demand == null
        || deploy == null
        || standby == null
        || requires == null
        || slo == null
        || rto == null) {
      return null;
    }
    return new Service(name, users, demand, deploy, standby, failover, requires, slo, rto);
  }

  /**
   * A restore curve: a list of [fraction of the restore time, capacity] pairs from [0, c0] to [1,
   * 1], times increasing, capacity non-decreasing.
   */
  private List<Fire.CurvePoint> restoreCurve(Node node, String path) {
    String expected =
        "a list of [time fraction, capacity] pairs from [0, c] to [1, 1], such as"
            + " [[0, 0], [0.1, 0.5], [1, 1]]";
    if (!(node instanceof Node.Sequence seq) || seq.items().size() < 2) {
      error(node.origin(), path, "expected " + expected);
      return null;
    }
    List<Fire.CurvePoint> points = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String at = path + "[" + i + "]";
      if (!(item instanceof Node.Sequence pair) || pair.items().size() != 2) {
        error(item.origin(), at, "expected a pair [time fraction, capacity], got " + item.kind());
        return null;
      }
      Double x = number(pair.items().get(0), at + "[0]", "a time fraction between 0 and 1");
      Double y = number(pair.items().get(1), at + "[1]", "a capacity between 0 and 1");
      if (x == null || y == null) {
        return null;
      }
      String problem = null;
      if (!(x >= 0 && x <= 1) || !(y >= 0 && y <= 1)) {
        problem = "time fraction and capacity must lie between 0 and 1";
      } else if (i == 0 && x != 0) {
        problem = "the curve must start at time fraction 0";
      } else if (i > 0 && !(x > points.get(i - 1).at())) {
        problem = "time fractions must increase";
      } else if (i > 0 && y < points.get(i - 1).capacity()) {
        problem = "capacity must not fall while a site is restored";
      } else if (i == seq.items().size() - 1 && (x != 1 || y != 1)) {
        problem = "the curve must end at [1, 1] (full capacity when the restore time is over)";
      }
      if (problem != null) {
        error(item.origin(), at, problem);
        return null;
      }
      points.add(new Fire.CurvePoint(x, y));
    }
    return points;
  }

  private ActivityProfile profile(Section top) {
    List<Double> weights = List.of();
    if (top.has("profile")) {
      Node node = top.node("profile");
      if (!(node instanceof Node.Sequence seq)) {
        error(
            node.origin(),
            "profile",
            "expected a list of 168 hourly weights (Monday 00:00 first), got " + node.kind());
        return null;
      }
      if (seq.items().size() != ActivityProfile.HOURS_PER_WEEK) {
        error(
            seq.origin(),
            "profile",
            "expected 168 hourly weights (Monday 00:00 first), got " + seq.items().size());
        return null;
      }
      double[] w = new double[seq.items().size()];
      double max = 0;
      for (int i = 0; i < w.length; i++) {
        Double v = number(seq.items().get(i), "profile[" + i + "]", "a weight >= 0");
        if (v == null) {
          return null;
        }
        if (v < 0) {
          error(
              seq.items().get(i).origin(),
              "profile[" + i + "]",
              "weight must be zero or more, got " + Units.exact(v));
          return null;
        }
        w[i] = v;
        max = Math.max(max, v);
      }
      if (!(max > 0)) {
        error(seq.origin(), "profile", "all weights are zero (expected some activity)");
        return null;
      }
      weights = meanOne(w, max);
    }
    double start = 0;
    if (top.has("start")) {
      Node.Scalar s = scalar(top.node("start"), "start", "a weekday and time such as sat 15:30");
      if (s == null) {
        return null;
      }
      double hours;
      try {
        hours = ActivityProfile.parseWeekTime(s.text());
      } catch (SyntaxException e) {
        error(s.textOrigin().shifted(e.offset()), "start", e.getMessage());
        return null;
      }
      start = hours;
    }
    return new ActivityProfile(weights, start);
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

  private void checkCycles(Map<String, Node.Mapping.Entry> services) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    Map<String, Origin> origins = new HashMap<>();
    services.forEach(
        (name, e) -> {
          List<String> out = new ArrayList<>();
          Node requires =
              e.value() instanceof Node.Mapping m && m.get("requires") != null
                  ? m.get("requires").value()
                  : null;
          // A single name is a one-element list here too: requires: a on a loops as surely.
          List<Node> items =
              requires instanceof Node.Sequence seq
                  ? seq.items()
                  : requires instanceof Node.Scalar ? List.of(requires) : List.of();
          if (!items.isEmpty()) {
            Node.Mapping m = (Node.Mapping) e.value();
            for (Node item : items) {
              if (item instanceof Node.Scalar sc
                  && !sc.isNull()
                  && services.containsKey(sc.text())) {
                out.add(sc.text());
              }
            }
            origins.put(name, m.get("requires").keyOrigin());
          }
          edges.put(name, out);
        });
    findCycles(edges, origins);
  }

  /**
   * Reports each dependency cycle once, as a depth-first search from every service in file order
   * finds it: a requirement that leads back to a service on the current path closes a cycle, which
   * is reported if it holds a service no earlier cycle held.
   *
   * <p>The search keeps its own stack (a chain of 5,000 requires overflowed the JVM's), the
   * position of each service on the path in a map, and the positions of the services on the path
   * not yet in any reported cycle in a second stack, so that each service and requirement costs
   * O(1): the whole search is linear in services plus requirements.
   */
  private void findCycles(Map<String, List<String>> edges, Map<String, Origin> origins) {
    Set<String> done = new HashSet<>();
    Set<String> reported = new HashSet<>();
    List<String> path = new ArrayList<>();
    List<Integer> nextEdge = new ArrayList<>();
    Map<String, Integer> onPath = new HashMap<>();
    java.util.ArrayDeque<Integer> unreported = new java.util.ArrayDeque<>();
    for (String root : edges.keySet()) {
      if (done.contains(root)) {
        continue;
      }
      push(root, path, nextEdge, onPath, unreported, reported);
      while (!path.isEmpty()) {
        int top = path.size() - 1;
        String s = path.get(top);
        List<String> out = edges.get(s);
        int i = nextEdge.get(top);
        if (i == out.size()) {
          path.remove(top);
          nextEdge.remove(top);
          onPath.remove(s);
          if (!unreported.isEmpty() && unreported.peek() == top) {
            unreported.pop();
          }
          done.add(s);
          continue;
        }
        nextEdge.set(top, i + 1);
        String next = out.get(i);
        Integer at = onPath.get(next);
        if (at != null) {
          if (!unreported.isEmpty() && unreported.peek() >= at) {
            while (!unreported.isEmpty() && unreported.peek() >= at) {
              reported.add(path.get(unreported.pop()));
            }
            String first = path.get(at);
            error(
                origins.get(first),
                "services." + first + ".requires",
                "dependency cycle: "
                    + cycle(path.subList(at, path.size()))
                    + " (requires must not loop)");
          }
        } else if (!done.contains(next)) {
          push(next, path, nextEdge, onPath, unreported, reported);
        }
      }
    }
  }

  private static void push(
      String s,
      List<String> path,
      List<Integer> nextEdge,
      Map<String, Integer> onPath,
      java.util.ArrayDeque<Integer> unreported,
      Set<String> reported) {
    onPath.put(s, path.size());
    if (!reported.contains(s)) {
      unreported.push(path.size());
    }
    path.add(s);
    nextEdge.add(0);
  }

  /**
   * {@code a -> b -> c -> a}; a cycle of more than {@value UserText#MAX_LISTED} services shows the
   * first ones and counts the rest.
   */
  private static String cycle(List<String> members) {
    StringBuilder b = new StringBuilder();
    int shown = Math.min(members.size(), UserText.MAX_LISTED);
    for (int k = 0; k < shown; k++) {
      b.append(UserText.bounded(members.get(k))).append(" -> ");
    }
    if (shown < members.size()) {
      b.append("… (").append(members.size() - shown).append(" more) -> ");
    }
    return b.append(UserText.bounded(members.get(0))).toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  private Double duration(Section s, String key, boolean mayBeZero) {
    Node.Scalar v = scalar(s.node(key), s.at(key), "a duration such as 15m, 4h or 2d");
    if (v == null) {
      return null;
    }
    try {
      double hours = Units.parseDuration(v.text());
      if (mayBeZero ? hours < 0 : !(hours > 0)) {
        error(
            v.textOrigin(),
            s.at(key),
            "must be "
                + (mayBeZero ? "zero or more" : "positive")
                + ", got "
                + UserText.bounded(v.text()));
        return null;
      }
      return hours;
    } catch (SyntaxException e) {
      error(v.textOrigin().shifted(e.offset()), s.at(key), e.getMessage());
      return null;
    }
  }

  /** A horizon: a positive duration of at most 100,000 years ({@link Units#MAX_HORIZON_HOURS}). */
  private Double horizon(Section s, String key) {
    Double hours = duration(s, key, false);
    if (hours != null && hours > Units.MAX_HORIZON_HOURS) {
      error(
          s.valueOrigin(key),
          s.at(key),
          "must be at most 100000y, got " + UserText.bounded(((Node.Scalar) s.node(key)).text()));
      return null;
    }
    return hours;
  }

  /** A rate per hour: positive, or zero too where {@code mayBeZero} (a generator's). */
  private Double rate(Section s, String key, boolean mayBeZero) {
    Node.Scalar v = scalar(s.node(key), s.at(key), "a rate such as 0.5/y, 2/d or 0.001/h");
    if (v == null) {
      return null;
    }
    try {
      double perHour = Units.parseRate(v.text());
      if (mayBeZero ? perHour < 0 : !(perHour > 0)) {
        error(
            v.textOrigin(),
            s.at(key),
            mayBeZero
                ? "must be zero or more, got " + UserText.bounded(v.text())
                : "must be positive, got "
                    + UserText.bounded(v.text())
                    + " (leave the hazard out for none)");
        return null;
      }
      return perHour;
    } catch (SyntaxException e) {
      error(v.textOrigin().shifted(e.offset()), s.at(key), e.getMessage());
      return null;
    }
  }

  private Double probability(Section s, String key) {
    Double p = number(s.node(key), s.at(key), "a probability between 0 and 1");
    if (p != null && !(p >= 0 && p <= 1)) {
      error(
          s.valueOrigin(key),
          s.at(key),
          "must be a probability between 0 and 1, got " + Units.exact(p));
      return null;
    }
    return p;
  }

  private Double count(Section s, String key, boolean mayBeZero) {
    return count(s.node(key), s.at(key), mayBeZero);
  }

  /**
   * A count (users, demand, capacity, price): zero or more, or positive, and at most {@link
   * Units#MAX_QUANTITY}, so that user-hours and costs stay finite.
   */
  private Double count(Node node, String path, boolean mayBeZero) {
    Node.Scalar v = scalar(node, path, "a number such as 2000, 12K or 48M");
    if (v == null) {
      return null;
    }
    try {
      double n = Units.parseCount(v.text());
      if (mayBeZero ? n < 0 : !(n > 0)) {
        error(
            v.textOrigin(),
            path,
            "must be "
                + (mayBeZero ? "zero or more" : "positive")
                + ", got "
                + UserText.bounded(v.text()));
        return null;
      }
      if (n > Units.MAX_QUANTITY) {
        error(v.textOrigin(), path, "must be at most 1e15, got " + UserText.bounded(v.text()));
        return null;
      }
      return n;
    } catch (SyntaxException e) {
      error(v.textOrigin().shifted(e.offset()), path, e.getMessage());
      return null;
    }
  }

  private Double number(Node node, String path, String expected) {
    Node.Scalar v = scalar(node, path, expected);
    if (v == null) {
      return null;
    }
    try {
      return Units.parseNumber(v.text().strip(), 0, expected);
    } catch (SyntaxException e) {
      error(v.textOrigin(), path, e.getMessage());
      return null;
    }
  }

  /** A whole number in the count syntax, read exactly (trials, seed). */
  private Long whole(Node node, String path, long min, long max) {
    Node.Scalar v = scalar(node, path, "a whole number");
    if (v == null) {
      return null;
    }
    try {
      return Units.parseWhole(v.text(), min, max);
    } catch (SyntaxException e) {
      error(v.textOrigin(), path, e.getMessage());
      return null;
    }
  }

  private Distribution requiredDistribution(Section s, String key) {
    if (!s.has(key)) {
      error(
          s.map.origin(),
          s.at(key),
          "missing: a distribution such as lognormal(median=1h, p90=4h)");
      return null;
    }
    return distribution(s.node(key), s.at(key));
  }

  private Distribution distribution(Node node, String path) {
    Node.Scalar v = scalar(node, path, "a distribution such as lognormal(median=1h, p90=4h)");
    if (v == null) {
      return null;
    }
    try {
      return DistributionParser.parse(v.text());
    } catch (SyntaxException e) {
      error(v.textOrigin().shifted(e.offset()), path, e.getMessage());
      return null;
    }
  }

  private String text(Section s, String key) {
    Node.Scalar v = scalar(s.node(key), s.at(key), "text");
    return v == null ? null : v.text();
  }

  /** A name that must be among {@code known}. */
  private String reference(Node node, String path, Set<String> known, String what) {
    Node.Scalar v = scalar(node, path, "the name of a " + what);
    if (v == null) {
      return null;
    }
    if (!known.contains(v.text())) {
      error(v.textOrigin(), path, unknown(what, v.text(), known));
      return null;
    }
    return v.text();
  }

  /** A list of names that must be among {@code known}; a single name is accepted as a list. */
  private List<String> references(Node node, String path, Set<String> known, String what) {
    List<Node> items;
    if (node instanceof Node.Sequence seq) {
      items = seq.items();
    } else if (node instanceof Node.Scalar s && !s.isNull()) {
      items = List.of(node);
    } else {
      error(
          node.origin(),
          path,
          "expected a list of " + what + " names such as [a, b], got " + node.kind());
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String itemPath = node instanceof Node.Sequence ? path + "[" + i + "]" : path;
      String name = reference(items.get(i), itemPath, known, what);
      if (name == null) {
        ok = false;
      } else if (names.contains(name)) {
        error(
            items.get(i).origin(),
            itemPath,
            what + " " + UserText.quote(name) + " is listed twice");
        ok = false;
      } else {
        names.add(name);
      }
    }
    return ok ? List.copyOf(names) : null;
  }

  private List<Placement> placements(Node node, String path, Set<String> sites) {
    if (!(node instanceof Node.Mapping map)) {
      error(
          node.origin(),
          path,
          "expected a mapping of site: capacity such as {east: 2000}, got " + node.kind());
      return null;
    }
    List<Placement> out = new ArrayList<>();
    boolean ok = true;
    for (Node.Mapping.Entry e : map.entries()) {
      String p = path + "." + e.key();
      if (!sites.contains(e.key())) {
        error(e.keyOrigin(), p, unknown("site", e.key(), sites));
        ok = false;
        continue;
      }
      Double c = count(e.value(), p, true);
      if (c == null) {
        ok = false;
      } else {
        out.add(new Placement(e.key(), c));
      }
    }
    return ok ? out : null;
  }

  /**
   * "unknown site 'x', did you mean 'y'? (known: ...)", listing at most {@value
   * UserText#MAX_LISTED} names.
   */
  private String unknown(String what, String name, Set<String> known) {
    return unknown(what, name, known, near);
  }

  /** The message for a name not among {@code known}; also for {@code --set} paths. */
  static String unknown(
      String what, String name, java.util.Collection<String> known, NearNames near) {
    String hint = near.closest(name, known);
    return "unknown "
        + what
        + " "
        + UserText.quote(name)
        + (hint == null ? "" : ", did you mean " + UserText.quote(hint) + "?")
        + " (known: "
        + (known.isEmpty() ? "none" : UserText.list(known))
        + ")";
  }

  /** The node as a non-empty scalar, or an error saying what was expected. */
  private Node.Scalar scalar(Node node, String path, String expected) {
    if (node instanceof Node.Scalar s && !s.isNull()) {
      return s;
    }
    error(node.origin(), path, "expected " + expected + ", got " + node.kind());
    return null;
  }

  private Section section(Node node, String path, String... keys) {
    if (!(node instanceof Node.Mapping map)) {
      error(
          node.origin(),
          path,
          "expected a mapping with " + String.join(", ", keys) + ", got " + node.kind());
      return null;
    }
    return new Section(map, path, keys);
  }

  private <T, R> void add(List<R> out, T part, java.util.function.Function<T, R> build) {
    if (part != null) {
      out.add(build.apply(part));
    }
  }

  private void error(Origin origin, String path, String message) {
    errors.add(new ModelError(origin, path, message));
  }

  /** A mapping with a fixed set of keys; unknown keys are reported when it is opened. */
  private final class Section {
    final Node.Mapping map;
    final String path;

    Section(Node.Mapping map, String path, String... keys) {
      this.map = map;
      this.path = path;
      List<String> allowed = List.of(keys);
      for (Node.Mapping.Entry e : map.entries()) {
        if (!allowed.contains(e.key())) {
          String hint = near.closest(e.key(), allowed);
          error(
              e.keyOrigin(),
              at(e.key()),
              "unknown key "
                  + UserText.quote(e.key())
                  + (hint == null ? "" : ", did you mean '" + hint + "'?")
                  + " (expected one of: "
                  + String.join(", ", allowed)
                  + ")");
        }
      }
    }

    boolean has(String key) {
      return map.get(key) != null;
    }

    Node node(String key) {
      return map.get(key).value();
    }

    Origin keyOrigin(String key) {
      return map.get(key).keyOrigin();
    }

    Origin valueOrigin(String key) {
      Node n = node(key);
      return n instanceof Node.Scalar s ? s.textOrigin() : n.origin();
    }

    String at(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }
}
