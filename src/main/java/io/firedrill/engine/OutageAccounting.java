package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * Outage accounting: which outages a trial has, what caused each, and what they cost.
 *
 * <p>A service is in an outage while its served fraction is below its slo. At each instant of the
 * sweep {@link #atInstant} opens an outage where the served fraction fell below the slo and closes
 * one where it is back; a ramp closes one inside a segment at the exact crossing ({@link
 * #closeOutage}). An outage of zero length (below the slo and back at the same instant) is not an
 * outage. A closed outage adds to the service's downtime, count, longest outage and rto breach, and
 * to its cause's count and downtime. User-hours lost ({@link #addUserHours}) go to the service, to
 * the cause of its last drop and, during an outage, to that outage.
 *
 * <p>Causes: a drop is blamed on one of the blocking events applied at that instant that touches
 * the service, the scenario's forced event first ({@link #dropCause}). In a scenario, an outage
 * that a forced event began marks the service affected, and the end of the last such outage is its
 * recovery time ({@link #finish}).
 *
 * <p>The per-trial results are cleared by {@link #clearTrial}; the per-cause sums accumulate over
 * trials until {@link #clearCauses}.
 */
final class OutageAccounting {
  /**
   * How many ulps of an outage's end time its length may exceed the rto by and still not breach it:
   * an outage's start and end each carry at most a couple of roundings (a start plus a UPS time, an
   * end plus a restart), so their difference is within 4 ulps of the true length.
   */
  static final double RTO_ULPS = 8;

  private final Plan p;

  /**
   * Whether site s is in service a's footprint, {@code [a * sites + s]}, for models small enough
   * (at most 2^22 pairs); null otherwise, when the sorted footprint is searched.
   */
  private final boolean[] touchMatrix;

  // Per trial, by service: the results (see Kernel).
  final double[] downtime;
  final int[] outages;
  final double[] longest;
  final double[] userHours;
  final double[] degraded;
  final boolean[] rtoBreach;
  final double[] recoverHours;
  final boolean[] recovered;
  final boolean[] affected;

  // Accumulated over trials: [service * causes + cause].
  final long[] causeOutages;
  final double[] causeDowntime;
  final double[] causeUserHours;

  /**
   * Importance sampling: the outages per cause weighted by their trials' likelihood ratios, the
   * estimate of {@link #causeOutages}; the downtime and user-hours per cause are weighted too.
   */
  final double[] causeOutageWeight;

  /** The likelihood ratio of the trial being swept: 1 unweighted, so the sums are unchanged. */
  double weight = 1;

  // The outage in progress, by service.
  private final boolean[] inOutage;
  private final double[] outageStart;
  private final int[] outageCause;
  private final double[] outageUserHours;

  /** The cause of the service's last drop, which its user-hours lost are charged to. */
  private final int[] impactCause;

  /** End of the last outage caused by a forced event so far, NaN while there is none. */
  private final double[] lastForcedEnd;

  private Kernel.OutageLog log;
  private long trial;

  /** Where a curve falls: crossings within ramps, whose causes are their ramps'; else null. */
  private Falls falls;

  OutageAccounting(Plan plan) {
    this.p = plan;
    int ns = plan.services;
    if ((long) ns * plan.units <= 1 << 22) {
      touchMatrix = new boolean[ns * plan.units];
      for (int a = 0; a < ns; a++) {
        for (int s : plan.footprint[a]) {
          touchMatrix[a * plan.units + s] = true;
        }
      }
    } else {
      touchMatrix = null;
    }
    inOutage = new boolean[ns];
    outageStart = new double[ns];
    outageCause = new int[ns];
    outageUserHours = new double[ns];
    impactCause = new int[ns];
    downtime = new double[ns];
    outages = new int[ns];
    longest = new double[ns];
    userHours = new double[ns];
    degraded = new double[ns];
    rtoBreach = new boolean[ns];
    causeOutages = new long[ns * plan.causes()];
    causeDowntime = new double[ns * plan.causes()];
    causeUserHours = new double[ns * plan.causes()];
    causeOutageWeight = new double[ns * plan.causes()];
    recoverHours = new double[ns];
    recovered = new boolean[ns];
    affected = new boolean[ns];
    lastForcedEnd = new double[ns];
  }

  /** Sets the crossings of a model whose curves fall ({@link Falls}), which cause outages too. */
  void setFalls(Falls falls) {
    this.falls = falls;
  }

  /** Sets where closing outages are reported (null: nowhere). */
  void setLog(Kernel.OutageLog log) {
    this.log = log;
  }

  /** Where closing outages are reported, or null. */
  Kernel.OutageLog log() {
    return log;
  }

  /** The trial whose outages are reported next. */
  void startTrial(long trialIndex) {
    trial = trialIndex;
  }

  /** Zeroes the per-trial results. */
  void clearTrial() {
    for (int a = 0; a < p.services; a++) {
      downtime[a] = 0;
      outages[a] = 0;
      longest[a] = 0;
      userHours[a] = 0;
      degraded[a] = 0;
      rtoBreach[a] = false;
    }
  }

  /** Zeroes the per-cause sums. */
  void clearCauses() {
    Arrays.fill(causeOutages, 0);
    Arrays.fill(causeDowntime, 0);
    Arrays.fill(causeUserHours, 0);
    Arrays.fill(causeOutageWeight, 0);
  }

  /** No outage in progress, every impact charged to the baseline; with a scenario, none forced. */
  void startSweep(boolean scenario) {
    for (int a = 0; a < p.services; a++) {
      inOutage[a] = false;
      impactCause[a] = p.causeBaseline;
    }
    if (scenario) {
      // Only a scenario's forced event marks outages; a run never reads these.
      Arrays.fill(lastForcedEnd, Double.NaN);
      Arrays.fill(affected, false);
    }
  }

  /**
   * Service a at instant t, after the events of t and their failovers: if its served fraction fell
   * (below {@code servedEnd}, where its window before ended) it is charged to the drop's cause from
   * now on, and if it fell below its slo an outage opens with that cause; back at its slo, its
   * outage closes. A fall with no blocking event touching the service is rounding at a ramp's end,
   * not a drop, unless a curve falls there ({@link Falls#causeAt}: the ramp's cause). Called only
   * for the services the instant cuts ({@link Cuts}): for the others nothing changed at t.
   */
  void atInstant(int a, double t, double served, double servedEnd, EventQueue events) {
    boolean met = CapacityState.meets(served, p.slo[a]);
    boolean opens = !met && !inOutage[a];
    if (opens || served < servedEnd) {
      int cause = dropCause(a, t, events);
      if (cause < 0 && falls != null) {
        cause = falls.causeAt(a, t, opens || !CapacityState.meets(served, servedEnd));
      }
      if (cause >= 0 && served < servedEnd) {
        impactCause[a] = cause & ScenarioForcing.CAUSE;
      }
      if (cause >= 0 && opens) {
        openOutage(a, t, cause);
      }
    } else if (met && inOutage[a]) {
      closeOutage(a, t);
    }
  }

  /**
   * The cause of a fall of service a's served fraction at t: among the blocking events applied at
   * t, the forced event if it touches the service, else the first that touches it (a site in its
   * footprint); {@code baseline} at t = 0 if none does (a deployment short of capacity); -1 if none
   * does later (the fall is rounding, not a drop). The cause keeps its {@link
   * ScenarioForcing#FORCED} mark.
   */
  int dropCause(int a, double t, EventQueue events) {
    int first = -1;
    int[] sites = p.footprint[a];
    int n = events.dropCount();
    for (int i = 0; i < n; i++) {
      int site = events.dropSite(i);
      boolean touches =
          touchMatrix != null ? touchMatrix[a * p.units + site] : contains(sites, site);
      if (!touches) {
        continue;
      }
      int cause = events.dropCause(i);
      if ((cause & ScenarioForcing.FORCED) != 0) {
        return cause;
      }
      if (first < 0) {
        first = cause;
      }
    }
    return first >= 0 ? first : t == 0 ? p.causeBaseline : -1;
  }

  private static boolean contains(int[] sorted, int x) {
    for (int v : sorted) {
      if (v >= x) {
        return v == x;
      }
    }
    return false;
  }

  /** Whether service a is in an outage. */
  boolean inOutage(int a) {
    return inOutage[a];
  }

  /** Service a's outage opens at t, with {@code cause} (and its forced mark). */
  void openOutage(int a, double t, int cause) {
    inOutage[a] = true;
    outageStart[a] = t;
    outageCause[a] = cause;
    outageUserHours[a] = 0;
  }

  /** Service a's outage closes at t and is counted, unless it lasted no time. */
  void closeOutage(int a, double t) {
    inOutage[a] = false;
    double len = t - outageStart[a];
    if (!(len > 0)) {
      // Below the slo and back at the same instant (a zero delay): not an outage.
      return;
    }
    int cause = outageCause[a] & ScenarioForcing.CAUSE;
    if ((outageCause[a] & ScenarioForcing.FORCED) != 0) {
      affected[a] = true;
      lastForcedEnd[a] = t;
    }
    downtime[a] += len;
    outages[a]++;
    if (len > longest[a]) {
      longest[a] = len;
    }
    // Strict, up to the rounding of absolute times: end − start of two instants is within a few
    // ulps of the length as sampled, so an outage of exactly rto must not breach by an ulp.
    if (len > p.rtoHours[a] + RTO_ULPS * Math.ulp(t)) {
      rtoBreach[a] = true;
    }
    int k = a * p.causes() + cause;
    causeOutages[k]++;
    causeOutageWeight[k] += weight;
    causeDowntime[k] += weight * len;
    if (log != null) {
      log.outage(trial, a, cause, outageStart[a], t, outageUserHours[a]);
    }
  }

  /** Service a was degraded (served at or above its slo, below 1) for {@code hours} more. */
  void addDegraded(int a, double hours) {
    // With a slo of 1 nothing is degraded (at or above 1 is whole): a stretch out of an outage and
    // below 1 is then a sliver between two crossings that rounding put a double apart.
    if (p.slo[a] < 1) {
      degraded[a] += hours;
    }
  }

  /** Adds {@code uh} user-hours lost by service a. */
  void addUserHours(int a, double uh) {
    userHours[a] += uh;
    causeUserHours[a * p.causes() + impactCause[a]] += weight * uh;
    if (inOutage[a]) {
      outageUserHours[a] += uh;
    }
  }

  /**
   * At the horizon: closes every outage still open there. Scenario mode: recovery is measured from
   * 0 until the last outage the forced events caused ends (with several events, or an event that
   * causes a service two outages, the service has recovered only when all of them are over); 0 if
   * they caused none, the horizon (not recovered) if such an outage is still open at the horizon.
   */
  void finish(double horizon) {
    for (int a = 0; a < p.services; a++) {
      boolean censored = inOutage[a] && (outageCause[a] & ScenarioForcing.FORCED) != 0;
      if (inOutage[a]) {
        closeOutage(a, horizon);
      }
      recovered[a] = !censored;
      recoverHours[a] = censored ? horizon : affected[a] ? lastForcedEnd[a] : 0;
    }
  }
}
