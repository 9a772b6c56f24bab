package io.firedrill.load;

import static io.firedrill.load.KeySpec.oneOf;
import static io.firedrill.load.KeySpec.optional;
import static io.firedrill.load.KeySpec.required;
import static io.firedrill.load.KeySpec.withDefault;

import io.firedrill.dist.Units;
import io.firedrill.load.ValueType.Kind;
import io.firedrill.load.ValueType.Range;
import io.firedrill.model.HazardKind;
import io.firedrill.model.Model;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The model format, declared once: every section, every key, its type, range, default and meaning.
 *
 * <p>The binder opens each section with these keys (so an unknown key and its "did you mean" come
 * from here), reads each value with the reader its type names, and uses the declared default when a
 * key is left out. The same declaration produces the reference tables of docs/model-format.md and
 * the JSON Schema docs/model.schema.json ({@link SchemaExport}); tests fail when either committed
 * file differs from what this class produces, so that the format, its documentation and the
 * editors' schema cannot drift apart.
 *
 * <p>What the declaration does not hold stays in the binder: checks across keys (rate or ttf, a
 * standby needs a failover), references to declared names, the shape of a restore curve, the
 * dependency cycles of {@code requires}, and the warnings about a valid model.
 */
public final class ModelSchema {
  private ModelSchema() {}

  /** Names of sites, grids, networks and services: they appear in paths, causes and CSV. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  /**
   * What a placement or an effect names: a site, or a zone of one, {@code SITE/ZONE} (each part a
   * {@link #NAME}).
   */
  public static final Pattern PLACE = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)?");

  /** The model's own name: it names the output folder. */
  public static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9-]+");

  private static final Range HORIZON = Range.positive().atMost(Units.MAX_HORIZON_HOURS, "100000y");

  /** A duration from 0 to the longest horizon: a lag, an objective. */
  private static final Range UP_TO_HORIZON =
      Range.zeroOrMore().atMost(Units.MAX_HORIZON_HOURS, "100000y");

  private static final Range QUANTITY = Range.zeroOrMore().atMost(Units.MAX_QUANTITY, "1e15");

  private static final Range PROBABILITY = Range.zeroOrMore().atMost(1, "1");

  private static final Range PROBABILITY_ABOVE_ZERO = Range.positive().atMost(1, "1");

  private static ValueType duration(Range range) {
    return ValueType.ranged(Kind.DURATION, range);
  }

  private static ValueType rate() {
    return ValueType.ranged(Kind.RATE, Range.zeroOrMore());
  }

  private static ValueType count(Range range) {
    return ValueType.ranged(Kind.COUNT, range);
  }

  private static ValueType probability() {
    return ValueType.ranged(Kind.PROBABILITY, PROBABILITY);
  }

  private static ValueType distribution() {
    return ValueType.of(Kind.DISTRIBUTION);
  }

  /** An effect a hazard sets off at a site: a cascade. */
  public static final class EffectKeys {
    private EffectKeys() {}

    public static final KeySpec EFFECT =
        required(
            "effect",
            ValueType.choice("power", "dark", "network", "cooling"),
            "what it does at the site: `power`, its utility is lost (its UPS and generator bridge"
                + " it, as for a grid outage); `dark`, it is off (nothing bridges it) and then"
                + " restarts; `network`, it is unreachable; `cooling`, its cooling fails: it shuts"
                + " down after its cooling's `ride_through` (0 without cooling) if the effect"
                + " outlasts it, then restarts");
    public static final KeySpec DELAY =
        optional(
            "delay",
            distribution(),
            "none (at once)",
            "distribution of the time from the start of the initiating outage (a fire's"
                + " ignition) to the effect");
    public static final KeySpec OUTAGE =
        optional(
            "outage",
            distribution(),
            "as long as the initiating outage",
            "distribution of how long the effect lasts");
    public static final KeySpec PROBABILITY =
        withDefault(
            "probability",
            probability(),
            "1",
            "probability that a failure (an uncontained fire) sets the effect off");

    public static final KeySpec DAMAGE =
        DamageKeys.damage("`dark` or `cooling` effect (water, heat; not `power` or `network`)");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "effect",
            "KIND.also.SITE (grids, networks, fire, fault, cooling)",
            EFFECT,
            DELAY,
            OUTAGE,
            PROBABILITY,
            DAMAGE);

    /** The key {@code also} of a hazard section: the effects each failure sets off, by site. */
    static KeySpec also(String what) {
      return optional(
          "also",
          ValueType.named("site", SPEC),
          "none",
          "effects each " + what + " sets off at sites (cascades): site → effect");
    }
  }

  /**
   * An alternating renewal process: a grid, a network, a site's fault or cooling (every hazard kind
   * whose parameters are a plain renewal process, {@link HazardKind#isRenewal}).
   */
  public static final class HazardKeys {
    private HazardKeys() {}

    public static final KeySpec RATE =
        oneOf(
            "rate",
            rate(),
            "failures per time; the time to failure is exponential. `0/y` is a hazard that never"
                + " strikes on its own: a scenario can still force it, and a sweep of a rate may"
                + " start at 0");
    public static final KeySpec TTF =
        oneOf(
            "ttf",
            distribution(),
            "a distribution of the time to failure, for non-exponential failures");
    public static final KeySpec OUTAGE =
        required("outage", distribution(), "distribution of how long each failure lasts");
    public static final KeySpec ONSET =
        optional(
            "onset",
            distribution(),
            "none",
            "distribution of the delay from each failure to the start of its outage (late onset:"
                + " a disturbance whose effect arrives hours later); none: the outage begins at the"
                + " failure. The next time to failure counts from the outage's end");
    public static final KeySpec ALSO = EffectKeys.also("failure");
    public static final KeySpec NEEDS =
        optional(
            "needs",
            ValueType.naming(Kind.REFERENCES, "service"),
            "none",
            "services its repair needs (ops tooling, remote access): an outage lasts its `outage`"
                + " only if every one of them is up (served ≥ its slo) when it begins, else its"
                + " `manual`; needs `manual`");
    public static final KeySpec MANUAL =
        optional(
            "manual",
            distribution(),
            "none",
            "distribution of how long an outage lasts when a service in `needs` is down at its"
                + " start: the slower manual path, staff work (scaled by `staffing`); needs"
                + " `needs`");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "hazard",
            Stream.of(HazardKind.values())
                .filter(
                    k ->
                        k.isRenewal()
                            && k != HazardKind.COOLING
                            && k != HazardKind.COMMON
                            && k != HazardKind.FAULT
                            && k != HazardKind.GRID)
                .map(HazardKind::path)
                .collect(Collectors.joining(", ")),
            RATE,
            TTF,
            OUTAGE,
            ONSET,
            ALSO,
            NEEDS,
            MANUAL);

    /** A section of the hazard keys and {@code damage} ({@code id} at {@code path}). */
    static SectionSpec withDamage(String id, String path, KeySpec damage) {
      return SectionSpec.of(id, path, RATE, TTF, OUTAGE, ONSET, ALSO, damage, NEEDS, MANUAL);
    }
  }

  /** The hardware a hazard damages where it strikes: a fire's, a fault's or a cooling failure's. */
  public static final class DamageKeys {
    private DamageKeys() {}

    public static final KeySpec PROBABILITY =
        withDefault(
            "probability",
            probability(),
            "1",
            "probability that an outage (an uncontained fire; a cooling failure or effect that"
                + " outlasts its ride-through) damages hardware");
    public static final KeySpec SHARE =
        withDefault(
            "share",
            probability(),
            "1",
            "the part of the site's (or zone's) capacity damaged, 0 to 1; it stays out after the"
                + " outage ends until repaired");
    public static final KeySpec REPAIR =
        optional(
            "repair",
            distribution(),
            "required unless `destroyed` is 1",
            "distribution of the time to repair or replace the damaged share, from the end of the"
                + " outage (side by side with the restart)");
    public static final KeySpec DESTROYED =
        withDefault(
            "destroyed",
            probability(),
            "0",
            "probability that the damaged share is destroyed rather than repaired: it does not"
                + " return within the trial, and only standby elsewhere helps");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "damage",
            "KIND.damage (fire, fault, cooling of a site or zone)",
            PROBABILITY,
            SHARE,
            REPAIR,
            DESTROYED);

    /** The key {@code damage} of a hazard section. */
    static KeySpec damage(String what) {
      return optional(
          "damage",
          ValueType.section(SPEC),
          "none",
          "hardware each "
              + what
              + " damages where it strikes: a share out of service until"
              + " repaired, or destroyed");
    }
  }

  /**
   * A utility supply: a hazard whose outages may damage hardware where they take the IT down (a
   * surge when power returns).
   */
  public static final class GridKeys {
    private GridKeys() {}

    public static final KeySpec DAMAGE =
        DamageKeys.damage(
            "outage (at each site whose IT it takes down, past the UPS and generator, when power"
                + " returns: a surge)");

    public static final SectionSpec SPEC = HazardKeys.withDamage("grid", "grids.NAME", DAMAGE);
  }

  /** A site's (or zone's) internal power fault: a hazard that may damage hardware. */
  public static final class FaultKeys {
    private FaultKeys() {}

    public static final KeySpec DAMAGE = DamageKeys.damage("fault");

    public static final SectionSpec SPEC =
        HazardKeys.withDamage("fault", "sites.NAME.fault", DAMAGE);
  }

  /** A common-cause event: a hazard whose effects at sites ({@code also}) are all it does. */
  public static final class CommonCauseKeys {
    private CommonCauseKeys() {}

    public static final KeySpec ALSO =
        required(
            "also",
            ValueType.named("site", EffectKeys.SPEC),
            "the sites it strikes, each with its effect (site → effect); at least one");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "common_cause",
            "common_cause.NAME",
            HazardKeys.RATE,
            HazardKeys.TTF,
            HazardKeys.OUTAGE,
            HazardKeys.ONSET,
            ALSO,
            HazardKeys.NEEDS,
            HazardKeys.MANUAL);
  }

  /** A site's cooling plant: a hazard, with a thermal ride-through and trips on utility losses. */
  public static final class CoolingKeys {
    private CoolingKeys() {}

    public static final KeySpec DAMAGE =
        DamageKeys.damage("cooling failure that outlasts its ride-through");

    public static final KeySpec RIDE_THROUGH =
        withDefault(
            "ride_through",
            duration(Range.zeroOrMore()),
            "0",
            "how long the IT keeps running after the cooling fails (thermal mass): the site shuts"
                + " down only for a failure that outlasts it, from the ride-through's end to the"
                + " failure's");
    public static final KeySpec TRIPS =
        withDefault(
            "trips",
            probability(),
            "0",
            "probability that a loss of the site's utility trips the chillers, even while the UPS"
                + " and generator carry the IT: a cooling failure then (its `outage`, after the"
                + " ride-through), caused by the grid");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "cooling",
            "sites.NAME.cooling",
            HazardKeys.RATE,
            HazardKeys.TTF,
            HazardKeys.OUTAGE,
            HazardKeys.ONSET,
            HazardKeys.ALSO,
            RIDE_THROUGH,
            TRIPS,
            DAMAGE,
            HazardKeys.NEEDS,
            HazardKeys.MANUAL);
  }

  /** A site's standby generator. */
  public static final class GeneratorKeys {
    private GeneratorKeys() {}

    public static final KeySpec FAIL_TO_START =
        withDefault(
            "fail_to_start",
            probability(),
            "0",
            "probability that the generator does not start when the grid fails");
    public static final KeySpec RATE =
        withDefault(
            "rate",
            rate(),
            "0/h",
            "failures per running hour; `0/h`, the default, is a generator that never fails");
    public static final KeySpec REPAIR =
        optional(
            "repair",
            distribution(),
            "none (stays down until the grid returns)",
            "distribution of the time to repair the generator after it failed to start or failed"
                + " while running; then it starts again (and may fail to start again) while the"
                + " grid is still out");

    public static final KeySpec COUNT =
        withDefault(
            "count",
            ValueType.ranged(Kind.WHOLE, Range.between(1, 100, "100")),
            "1",
            "how many generators, each with these parameters (each fails to start, fails while"
                + " running and is repaired on its own)");
    public static final KeySpec NEEDED =
        withDefault(
            "needed",
            ValueType.ranged(Kind.WHOLE, Range.between(1, 100, "100")),
            "1",
            "how many of them must run to carry the site (k of n); at most `count`");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "generator", "sites.NAME.generator", FAIL_TO_START, RATE, REPAIR, COUNT, NEEDED);
  }

  /** Fires at a site. */
  public static final class FireKeys {
    private FireKeys() {}

    public static final KeySpec RATE =
        oneOf("rate", rate(), "ignitions per time; the time to ignition is exponential");
    public static final KeySpec TTF =
        oneOf("ttf", distribution(), "a distribution of the time to ignition");
    public static final KeySpec CONTAINED =
        withDefault(
            "contained",
            probability(),
            "0",
            "probability that an ignition is put out with no impact on the site");
    public static final KeySpec OUTAGE =
        required(
            "outage",
            distribution(),
            "distribution of how long the site is dark after a fire that is not contained");
    public static final KeySpec RESTORE =
        required(
            "restore",
            distribution(),
            "distribution of the time over which capacity then returns to full");
    public static final KeySpec RESTORE_CURVE =
        optional(
            "restore_curve",
            ValueType.of(Kind.CURVE),
            "a linear ramp",
            "how capacity returns over the `restore` time: `[time fraction, capacity]` points from"
                + " `[0, c0]` to `[1, 1]`, time fractions increasing; capacity may fall as well as"
                + " rise (capacity handed back and lost again); at most 100 points");
    public static final KeySpec ALSO = EffectKeys.also("uncontained fire");
    public static final KeySpec DAMAGE = DamageKeys.damage("uncontained fire");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "fire",
            "sites.NAME.fire",
            RATE,
            TTF,
            CONTAINED,
            OUTAGE,
            RESTORE,
            RESTORE_CURVE,
            HazardKeys.ONSET,
            ALSO,
            DAMAGE,
            HazardKeys.NEEDS,
            HazardKeys.MANUAL);
  }

  /** A data center. */
  public static final class SiteKeys {
    private SiteKeys() {}

    public static final KeySpec GRID =
        optional(
            "grid",
            ValueType.naming(Kind.REFERENCES, "grid"),
            "none (no utility outages)",
            "the grid that feeds the site, or its feeds (`[feed-a, feed-b]`): utility is lost"
                + " while more of them are out than `feeds_needed` allows (by default, while every"
                + " feed is out)");
    public static final KeySpec FEEDS_NEEDED =
        withDefault(
            "feeds_needed",
            ValueType.ranged(Kind.WHOLE, Range.between(1, 1000, "1000")),
            "1",
            "how many of the site's feeds (`grid`) must be up for it to have utility: with n feeds"
                + " it is lost while more than n − `feeds_needed` are out; at most n");
    public static final KeySpec NETWORKS =
        optional(
            "networks",
            ValueType.naming(Kind.REFERENCES, "network"),
            "none (always reachable)",
            "the site's networks; it is reachable while any is up");
    public static final KeySpec RECONVERGE =
        withDefault(
            "reconverge",
            duration(Range.zeroOrMore()),
            "0",
            "blip while traffic moves to a surviving network");
    public static final KeySpec NETWORK_MODE =
        withDefault(
            "network_mode",
            ValueType.choice("shared", "primary"),
            "shared",
            "how traffic uses several networks: `shared` (spread over every network that is up;"
                + " any failure while another is up moves flows, with a `reconverge` blip) or"
                + " `primary` (through the first network in the list that is up; only its failure"
                + " moves traffic, and its return moves traffic back without loss)");
    public static final KeySpec UPS =
        withDefault(
            "ups", duration(Range.zeroOrMore()), "0", "battery ride-through after the grid fails");
    public static final KeySpec GENERATOR =
        optional(
            "generator",
            ValueType.section(GeneratorKeys.SPEC),
            "none",
            "a standby generator that carries the site through a grid outage");
    public static final KeySpec RESTART =
        optional(
            "restart",
            distribution(),
            "none (instant)",
            "distribution of the servers' cold start after any loss of power or cooling");
    public static final KeySpec RESTART_CURVE =
        optional(
            "restart_curve",
            ValueType.of(Kind.CURVE),
            "a step (nothing until the restart is over)",
            "how capacity returns over each `restart` (room by room, rack by rack): `[time"
                + " fraction, capacity]` points from `[0, c0]` to `[1, 1]`, time fractions"
                + " increasing, capacity rising or falling; at most 100 points");
    public static final KeySpec RECONNECT =
        optional(
            "reconnect",
            distribution(),
            "none (at once)",
            "distribution of the time over which traffic returns, linearly, after the site was"
                + " cut off (all its networks down, or a `network` effect)");
    public static final KeySpec FIRE =
        optional(
            "fire",
            ValueType.section(FireKeys.SPEC),
            "none",
            "ignitions; with probability `contained` nothing happens, otherwise the site is dark"
                + " for `outage`, then returns to full capacity over `restore`");
    public static final KeySpec FAULT =
        renewalKey(
            HazardKind.FAULT,
            "an internal power fault (UPS, switchgear, PDU): it cuts the site's power for its outage,"
                + " which UPS and generator do not bridge");
    public static final KeySpec COOLING =
        optional(
            HazardKind.COOLING.word(),
            ValueType.section(CoolingKeys.SPEC),
            "none",
            "a failure of the site's cooling: thermal shutdown for its outage after the"
                + " `ride_through` (UPS and generator do not bridge it), then the site's `restart`");

    /**
     * The optional key of a site renewal hazard kind: its word, the hazard section, none if out.
     */
    private static KeySpec renewalKey(HazardKind kind, String doc) {
      return optional(kind.word(), ValueType.section(FaultKeys.SPEC), "none", doc);
    }

    public static final KeySpec ZONES =
        optional(
            "zones",
            ValueType.named("zone", ZoneKeys.SPEC),
            "none (one room)",
            "its zones (halls, rooms, power paths), each with a `share` of its capacity, the shares"
                + " adding up to 1; the site's hazards strike every zone, a zone's own only that"
                + " zone; a placement names the site (spread by share) or a zone (`SITE/ZONE`)");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "site",
            "sites.NAME",
            GRID,
            FEEDS_NEEDED,
            NETWORKS,
            RECONVERGE,
            NETWORK_MODE,
            RECONNECT,
            UPS,
            GENERATOR,
            RESTART,
            RESTART_CURVE,
            FIRE,
            FAULT,
            COOLING,
            ZONES);

    /**
     * The key of a site hazard kind that is a plain renewal process ({@link
     * HazardKind#siteRenewals}), named by its {@link HazardKind#word}; the binder reads them all
     * alike.
     *
     * @throws IllegalStateException if the site section declares no key for {@code kind}
     */
    public static KeySpec renewal(HazardKind kind) {
      return SPEC.keys().stream()
          .filter(k -> k.name().equals(kind.word()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no site key for hazard kind " + kind));
    }
  }

  /** A zone of a site: a hall, a room, a power path, with its share and its own hazards. */
  public static final class ZoneKeys {
    private ZoneKeys() {}

    public static final KeySpec SHARE =
        required(
            "share",
            probability(),
            "its part of the site's capacity, 0 to 1: a placement on the site puts this share of"
                + " its capacity here; the shares of a site's zones add up to 1");
    public static final KeySpec POWER =
        withDefault(
            "power",
            ValueType.choice("backed", "utility"),
            "backed",
            "what powers its IT: `backed`, the site's utility through its UPS and generator;"
                + " `utility`, utility alone (single-corded: not on UPS or generator), so the zone"
                + " loses power at every loss of the site's utility, then restarts");
    public static final KeySpec FIRE =
        optional(
            "fire",
            ValueType.section(FireKeys.SPEC),
            "none",
            "fires of this zone alone (a battery room): dark, then restored, as a site's fire");
    public static final KeySpec FAULT =
        optional(
            HazardKind.FAULT.word(),
            ValueType.section(FaultKeys.SPEC),
            "none",
            "an internal power fault of this zone alone (a PDU, a power path), as a site's fault");
    public static final KeySpec COOLING =
        optional(
            HazardKind.COOLING.word(),
            ValueType.section(CoolingKeys.SPEC),
            "none",
            "a failure of this zone's own cooling (one hall's chillers), as a site's cooling");

    public static final SectionSpec SPEC =
        SectionSpec.of("zone", "sites.NAME.zones.NAME", SHARE, POWER, FIRE, FAULT, COOLING);

    /** The key of a zone's site renewal hazard kind ({@link HazardKind#siteRenewals}). */
    public static KeySpec renewal(HazardKind kind) {
      return SPEC.keys().stream()
          .filter(k -> k.name().equals(kind.word()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no zone key for hazard kind " + kind));
    }
  }

  /** How a service's standby joins. */
  public static final class FailoverKeys {
    private FailoverKeys() {}

    public static final KeySpec TIME =
        required("time", distribution(), "distribution of the automatic failover delay");
    public static final KeySpec SUCCESS =
        withDefault(
            "success",
            probability(),
            "1",
            "probability that the automatic path works when its needs are met");
    public static final KeySpec NEEDS =
        optional(
            "needs",
            ValueType.naming(Kind.REFERENCES, "service"),
            "none",
            "services that must be up (served ≥ their slo) for the automatic path");
    public static final KeySpec MANUAL =
        optional(
            "manual",
            distribution(),
            "none",
            "distribution of the manual path's delay; without it the standby joins only through"
                + " the automatic path");

    public static final SectionSpec SPEC =
        SectionSpec.of("failover", "services.NAME.failover", TIME, SUCCESS, NEEDS, MANUAL);
  }

  /** Where a service's data lives and how it is copied (docs/simulation.md, "Data loss"). */
  public static final class DataKeys {
    private DataKeys() {}

    public static final KeySpec PRIMARY =
        optional(
            "primary",
            ValueType.naming(Kind.REFERENCE, "site or zone"),
            "the first site in `deploy`",
            "the site or zone that holds the primary copy, where writes land");
    public static final KeySpec REPLICA =
        optional(
            "replica",
            ValueType.naming(Kind.REFERENCE, "site or zone"),
            "none",
            "the site or zone of a replica kept by replication; not the primary's");
    public static final KeySpec LAG =
        withDefault(
            "lag",
            duration(UP_TO_HORIZON),
            "0",
            "the replica's replication lag: how far it is behind the primary; 0 is synchronous"
                + " replication (the replica has every write), more is asynchronous; needs"
                + " `replica`");
    public static final KeySpec BACKUP =
        optional(
            "backup",
            ValueType.naming(Kind.REFERENCE, "site or zone"),
            "none",
            "the site or zone that holds the backups; not the primary's");
    public static final KeySpec BACKUP_INTERVAL =
        optional(
            "backup_interval",
            duration(ModelSchema.HORIZON),
            "required with `backup`",
            "time between two backups, taken at a uniform random phase in each trial");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "data", "services.NAME.data", PRIMARY, REPLICA, LAG, BACKUP, BACKUP_INTERVAL);
  }

  /** A service. */
  public static final class ServiceKeys {
    private ServiceKeys() {}

    public static final KeySpec USERS =
        withDefault(
                "users",
                count(QUANTITY),
                "0",
                "people affected when the service is fully down (for user-hours)")
            .counting("people");
    public static final KeySpec DEMAND =
        withDefault(
                "demand",
                count(Range.positive().atMost(Units.MAX_QUANTITY, "1e15")),
                "1",
                "capacity units for full service")
            .counting("capacity units");
    public static final KeySpec DEPLOY =
        required(
                "deploy",
                ValueType.placements(Kind.PLACEMENTS, QUANTITY),
                "active capacity per site (`{site: capacity}`), at least one site")
            .counting("capacity units");
    public static final KeySpec STANDBY =
        optional(
                "standby",
                ValueType.placements(Kind.PLACEMENTS, QUANTITY),
                "none",
                "capacity per site that joins only through failover; needs `failover`")
            .counting("capacity units");
    public static final KeySpec FAILOVER =
        optional(
            "failover",
            ValueType.section(FailoverKeys.SPEC),
            "none",
            "how and when the standby joins");
    public static final KeySpec REQUIRES =
        optional(
            "requires",
            ValueType.naming(Kind.REFERENCES, "service"),
            "none",
            "services this one cannot serve without; must not form a cycle");
    public static final KeySpec REQUIRES_LAG =
        optional(
            "requires_lag",
            ValueType.ranged(Kind.LAGS, UP_TO_HORIZON),
            "none",
            "a recovery lag per required service (`{db: 30m}`, each in `requires`): when that"
                + " service's outage ends, this one stays at most where it was for the lag (a"
                + " backlog that takes that long to drain); 0 is no lag");
    public static final KeySpec SLO =
        withDefault(
            "slo",
            ValueType.ranged(Kind.PROBABILITY, PROBABILITY_ABOVE_ZERO),
            "0.99",
            "served fraction below which the service counts as down");
    public static final KeySpec RTO =
        optional(
            "rto",
            duration(Range.positive()),
            "none",
            "recovery-time objective; reported as the probability of breaching it");
    public static final KeySpec DATA =
        optional(
            "data",
            ValueType.section(DataKeys.SPEC),
            "none",
            "where the service's data lives and how it is copied; a failover away from the"
                + " primary, or the primary's hardware destroyed, loses the writes newer than the"
                + " latest surviving copy");
    public static final KeySpec RPO =
        optional(
            "rpo",
            duration(UP_TO_HORIZON),
            "none",
            "recovery-point objective (needs `data`): reported as the probability that a loss"
                + " of data exceeds it");

    public static final KeySpec RESTORE_PRIORITY =
        optional(
            "restore_priority",
            ValueType.ranged(Kind.WHOLE, Range.between(1, 1_000_000, "1000000")),
            "none (restored last, unless on its own restore_curve)",
            "its class in the order of restoration at every site or zone it shares: capacity"
                + " that comes back (a fire's restore, a restart curve, damage repaired, a"
                + " reconnect) goes to priority 1 first, then 2..., services of one class sharing"
                + " it in proportion");
    public static final KeySpec RESTORE_CURVE =
        optional(
            "restore_curve",
            ValueType.of(Kind.SHARE_CURVE),
            "none (its restore_priority class, or the site's own curve)",
            "its own restoration at every site or zone it runs on: `[site fraction, service"
                + " fraction]` points from `[0, 0]` to `[1, 1]`, the share of its capacity there"
                + " that is back when that share of the site's capacity is (it may fall as well as"
                + " rise); instead of a `restore_priority`");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "service",
            "services.NAME",
            USERS,
            DEMAND,
            DEPLOY,
            STANDBY,
            FAILOVER,
            REQUIRES,
            REQUIRES_LAG,
            SLO,
            RTO,
            DATA,
            RPO,
            RESTORE_PRIORITY,
            RESTORE_CURVE);
  }

  /** The top level of a model file. */
  public static final class TopKeys {
    private TopKeys() {}

    public static final KeySpec NAME =
        required(
            "name",
            ValueType.of(Kind.MODEL_NAME),
            "names the model and its output folder (results/NAME/)");
    public static final KeySpec DESCRIPTION =
        optional("description", ValueType.of(Kind.TEXT), "empty", "free text");
    public static final KeySpec HORIZON =
        withDefault(
            "horizon",
            duration(ModelSchema.HORIZON),
            "1y",
            "time simulated by one trial of `run` (and of `sweep`, `size` without `--event`)");
    public static final KeySpec SCENARIO_HORIZON =
        withDefault(
            "scenario_horizon",
            duration(ModelSchema.HORIZON),
            "7d",
            "time simulated by one trial of a scenario (`scenario`, and `sweep`, `size` with"
                + " `--event`) unless `--horizon` is given; a model of a 100-day recovery sets"
                + " `scenario_horizon: 120d`");
    public static final KeySpec TRIALS =
        withDefault(
            "trials",
            ValueType.ranged(Kind.WHOLE, Range.between(1, Model.MAX_TRIALS, "2^40")),
            "100000",
            "default trial count (the command line overrides)");
    public static final KeySpec SEED =
        withDefault(
            "seed",
            ValueType.ranged(Kind.WHOLE, Range.between(0, Long.MAX_VALUE, "2^63 − 1")),
            "1",
            "default seed (the command line overrides)");
    public static final KeySpec PROFILE =
        optional(
            "profile",
            ValueType.of(Kind.WEIGHTS),
            "flat",
            "168 hourly activity weights, Monday 00:00 first; scaled to mean 1; equal weights are"
                + " the flat profile");
    public static final KeySpec START =
        withDefault(
            "start",
            ValueType.of(Kind.WEEK_TIME),
            "mon 00:00",
            "weekday and time at t = 0, e.g. `sat 15:30`");
    public static final KeySpec STAFFING =
        optional(
            "staffing",
            ValueType.of(Kind.FACTORS),
            "1 at every hour",
            "168 hourly factors on how long recovery work takes (restarts, repairs of damaged"
                + " hardware and of generators, manual failovers and manual repairs), Monday 00:00"
                + " first: 1 as"
                + " drawn, 2 twice as long (a night shift of half the staff), 0.5 twice as fast;"
                + " work started in one hour goes on at the pace of the hours it spans");
    public static final KeySpec GRIDS =
        optional(
            "grids",
            ValueType.named("grid", GridKeys.SPEC),
            "none",
            "utility power supplies, each a hazard; an empty section is none");
    public static final KeySpec NETWORKS =
        optional(
            "networks",
            ValueType.named("network", HazardKeys.SPEC),
            "none",
            "upstream carriers or routing domains, each a hazard; an empty section is none");
    public static final KeySpec COMMON_CAUSE =
        optional(
            "common_cause",
            ValueType.named("common-cause event", CommonCauseKeys.SPEC),
            "none",
            "events that strike several sites at once (a regional storm, a campus power cut),"
                + " each a hazard whose `also` names the sites and what it does at each; an empty"
                + " section is none");
    public static final KeySpec SITES =
        required(
            "sites",
            ValueType.named("site", SiteKeys.SPEC),
            "the data centers; at least one (an empty section is refused)");
    public static final KeySpec SERVICES =
        required(
            "services",
            ValueType.named("service", ServiceKeys.SPEC),
            "the services; at least one (an empty section is refused)");
    public static final KeySpec COST =
        optional(
                "cost",
                ValueType.placements(Kind.PRICES, QUANTITY),
                "none",
                "price of one unit of capacity per year at a site (`383K`); `sweep` and `size` put a"
                    + " yearly cost on every point: Σ (deploy + standby) × price")
            .counting("price per capacity unit per year");

    public static final SectionSpec SPEC =
        SectionSpec.of(
            "top",
            "the top level",
            NAME,
            DESCRIPTION,
            HORIZON,
            SCENARIO_HORIZON,
            TRIALS,
            SEED,
            PROFILE,
            START,
            STAFFING,
            GRIDS,
            NETWORKS,
            COMMON_CAUSE,
            SITES,
            SERVICES,
            COST);
  }

  /** Every section, in the order of docs/model-format.md. */
  public static List<SectionSpec> sections() {
    return List.of(
        TopKeys.SPEC,
        HazardKeys.SPEC,
        GridKeys.SPEC,
        EffectKeys.SPEC,
        SiteKeys.SPEC,
        ZoneKeys.SPEC,
        GeneratorKeys.SPEC,
        FireKeys.SPEC,
        FaultKeys.SPEC,
        CoolingKeys.SPEC,
        DamageKeys.SPEC,
        CommonCauseKeys.SPEC,
        ServiceKeys.SPEC,
        FailoverKeys.SPEC,
        DataKeys.SPEC);
  }

  /** The top-level keys that hold named entries ({@code sites}), and the word for one entry. */
  public static List<KeySpec> collections() {
    return TopKeys.SPEC.keys().stream().filter(k -> k.type().kind() == Kind.NAMED).toList();
  }
}
