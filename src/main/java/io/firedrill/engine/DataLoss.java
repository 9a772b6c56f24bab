package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * Data lost by each service with data (docs/simulation.md, "Data loss").
 *
 * <p>A service's primary copy is <i>down</i> while the capacity factor of its unit is 0. Each down
 * period loses data at most once, at the first of: a standby of the service serving (joined, with
 * capacity) while the primary is down (the service goes on from a copy: a failover away from the
 * primary), or hardware destroyed at the primary's unit (for a zone, also at its site; for a site
 * with zones, also at a zone) by an outage that ended within the period. The writes lost are those
 * newer than the latest usable copy when the primary went down at {@code t0}: none from a
 * synchronous replica, the lag from an asynchronous one, {@code (t0 − phase) mod interval} from the
 * backups taken at {@code phase + k × interval} for every integer k (the data has a history before
 * t = 0). A copy is gone from the start of the outage that destroyed its unit's (or its site's)
 * hardware; a copy that is merely down still counts (its data comes back with its site). With no
 * usable copy every write is lost: no number of hours, but a loss of all the data ({@link
 * #allLost}), which breaches any rpo.
 *
 * <p>The phase of a service's backups is one uniform draw from its own source {@code backup@A}
 * (draw 0), taken when a loss first needs it, so data moves no other draw (common random numbers).
 */
final class DataLoss {
  private final Plan p;
  private final SiteTimelines timelines;
  private final StreamKeys keys;
  private final TrialStream stream = DrawCounts.stream();

  /** {@link Plan#dataServices}; the arrays below are indexed by position in it. */
  private final int[] services;

  /** Whether the primary is down (since the start of its last period). */
  private final boolean[] down;

  /**
   * Each service's down periods in the trial, in time order: [start, end) (end: the horizon while
   * open), cause 1 once the period has lost data.
   */
  private final IntervalBuffer[] periods;

  /** The phase of each service's backups in the trial, NaN until drawn. */
  private final double[] phase;

  /**
   * By unit: from when its hardware is lost in the trial (the start of the first outage that
   * destroyed it), +∞ if never; NaN until known.
   */
  private final double[] firstDestroyed;

  private long trial;

  /** Per service (dependency order): hours of writes lost in the trial where a copy survived. */
  final double[] lost;

  /** Per service: whether the trial lost any write (more than 0 hours, or every copy). */
  final boolean[] anyLoss;

  /** Per service: whether the trial lost every copy of the data (no usable copy at a loss). */
  final boolean[] allLost;

  /** Per service: whether one loss exceeded the rpo (a loss of every copy does). */
  final boolean[] rpoBreach;

  DataLoss(Plan plan, SiteTimelines timelines, StreamKeys keys) {
    this.p = plan;
    this.timelines = timelines;
    this.keys = keys;
    services = plan.dataServices;
    int n = services.length;
    down = new boolean[n];
    periods = new IntervalBuffer[n];
    for (int i = 0; i < n; i++) {
      periods[i] = new IntervalBuffer();
    }
    phase = new double[n];
    firstDestroyed = new double[plan.units];
    lost = new double[plan.services];
    anyLoss = new boolean[plan.services];
    allLost = new boolean[plan.services];
    rpoBreach = new boolean[plan.services];
  }

  /** Whether the model has data to lose (else every call below does nothing). */
  boolean on() {
    return services.length > 0;
  }

  /** Zeroes the trial's results. */
  void clear() {
    for (int a : services) {
      lost[a] = 0;
      anyLoss[a] = false;
      allLost[a] = false;
      rpoBreach[a] = false;
    }
  }

  /** Starts the sweep of trial number {@code trial}: every primary up, nothing drawn or known. */
  void startSweep(long trial) {
    this.trial = trial;
    for (int i = 0; i < services.length; i++) {
      down[i] = false;
      periods[i].clear();
      phase[i] = Double.NaN;
    }
    java.util.Arrays.fill(firstDestroyed, Double.NaN);
  }

  /**
   * At instant t of the sweep, after its failovers started, with the next instant at {@code tNext}:
   * opens and closes the primaries' down periods from the units' capacity factors, and loses a down
   * primary's newer writes where a standby serves before tNext (at t, or where its site's ramp
   * brings it capacity: the primary stays down until an instant).
   */
  void instant(double t, double tNext, CapacityState state) {
    for (int i = 0; i < services.length; i++) {
      int a = services[i];
      IntervalBuffer d = periods[i];
      // Down in the segment from t: at 0 and not coming back from t on (a ramp that starts at 0
      // at t, a restore after a fire's dark time, ends the down period at t).
      int u = p.dataPrimary[a];
      boolean isDown = state.capValue[u] == 0 && !(state.capSlope[u] > 0);
      if (isDown && !down[i]) {
        down[i] = true;
        d.add(t, p.horizonHours, 0);
      } else if (!isDown && down[i]) {
        down[i] = false;
        d.end[d.size - 1] = t;
      }
      if (down[i] && d.cause[d.size - 1] == 0) {
        double serves = state.standbyServesFrom(a, t);
        if (serves == t || serves < tNext) {
          d.cause[d.size - 1] = 1;
          lose(i, d.start[d.size - 1], serves);
        }
      }
    }
  }

  /**
   * After the sweep: hardware destroyed at each primary loses the writes of the down period the
   * destroying outage ended in (from the period's start; from the destruction itself if no period
   * holds it), unless that period lost them already.
   */
  void finish() {
    for (int i = 0; i < services.length; i++) {
      int u = p.dataPrimary[services[i]];
      destroyedAt(i, timelines.destroyed[u]);
      int site = p.unitSite[u];
      if (site != u) {
        destroyedAt(i, timelines.destroyed[site]);
      } else if (p.unitParts[u][0] != u) {
        // Any destroyed share is taken to hold the data (the worst case): a zone's too.
        for (int z : p.unitParts[u]) {
          destroyedAt(i, timelines.destroyed[z]);
        }
      }
    }
  }

  private void destroyedAt(int i, IntervalBuffer destroyed) {
    IntervalBuffer d = periods[i];
    for (int j = 0; j < destroyed.size; j++) {
      double te = destroyed.start[j];
      int k = startingBefore(d, te);
      if (k >= 0 && te <= d.end[k]) {
        if (d.cause[k] == 0) {
          d.cause[k] = 1;
          lose(i, d.start[k], te);
        }
      } else {
        lose(i, te, te);
      }
    }
  }

  /**
   * The last interval of {@code d} (sorted by start) that starts before te, or at 0 for te = 0 (a
   * period in progress at t = 0), or −1.
   */
  private static int startingBefore(IntervalBuffer d, double te) {
    int k = d.floor(te);
    return k >= 0 && d.start[k] == te && te != 0 ? k - 1 : k;
  }

  /**
   * Service i's primary, down since {@code t0}, is lost at {@code when}: the writes newer than the
   * latest copy that survives at {@code when}, or every write without one.
   */
  private void lose(int i, double t0, double when) {
    int a = services[i];
    double hours = Double.POSITIVE_INFINITY;
    if (usable(p.dataReplica[a], when)) {
      hours = p.dataReplicaLag[a];
    }
    if (usable(p.dataBackup[a], when)) {
      hours = Math.min(hours, sinceBackup(i, t0));
    }
    boolean rpo = !Double.isNaN(p.rpoHours[a]);
    if (hours == Double.POSITIVE_INFINITY) {
      allLost[a] = true;
      anyLoss[a] = true;
      rpoBreach[a] |= rpo;
      return;
    }
    lost[a] += hours;
    anyLoss[a] |= hours > 0;
    rpoBreach[a] |= rpo && hours > p.rpoHours[a];
  }

  /** Whether the copy at unit u ({@link Plan#NONE}: none) survives at {@code when}. */
  private boolean usable(int u, double when) {
    return u != Plan.NONE && !destroyedBy(u, when);
  }

  /** Whether unit u (or, for a zone, its site) lost its hardware by {@code when}. */
  private boolean destroyedBy(int u, double when) {
    return destroyedFirst(u) <= when || destroyedFirst(p.unitSite[u]) <= when;
  }

  /**
   * From when unit u's hardware is lost in the trial (+∞: never), computed once: the earliest start
   * of an outage that destroyed it (the blocked interval of u, or of one of its zones, that holds
   * the destruction's time; the destruction's time where none does).
   */
  private double destroyedFirst(int u) {
    if (Double.isNaN(firstDestroyed[u])) {
      IntervalBuffer d = timelines.destroyed[u];
      double first = Double.POSITIVE_INFINITY;
      for (int j = 0; j < d.size; j++) {
        double te = d.start[j];
        double from = te;
        for (int z : p.unitParts[u]) {
          from = Math.min(from, outageStart(timelines.blocked[z], te));
        }
        first = Math.min(first, from);
      }
      firstDestroyed[u] = first;
    }
    return firstDestroyed[u];
  }

  /**
   * The start of the interval of {@code blocked} (sorted, merged) that ends at or after te and
   * starts before it, else te.
   */
  private static double outageStart(IntervalBuffer blocked, double te) {
    int k = startingBefore(blocked, te);
    return k >= 0 && blocked.end[k] >= te ? Math.min(blocked.start[k], te) : te;
  }

  /**
   * Hours from service i's last backup at or before t0 to t0: {@code (t0 − phase) mod interval}, in
   * [0, interval).
   */
  private double sinceBackup(int i, double t0) {
    int a = services[i];
    double interval = p.dataBackupInterval[a];
    if (Double.isNaN(phase[i])) {
      keys.reseed(stream, trial, p.backupSource[a], 0);
      phase[i] = stream.nextDouble() * interval;
    }
    double x = t0 - phase[i];
    double since = x - interval * Math.floor(x / interval);
    // Rounding may give the interval itself for x just below a multiple of it: that is 0.
    return since >= interval || since < 0 ? 0 : since;
  }
}
