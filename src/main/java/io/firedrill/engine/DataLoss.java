package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * Data lost by each service with data (docs/simulation.md, "Data loss"), in hours of writes.
 *
 * <p>A service's primary copy is <i>down</i> while the capacity factor of its unit is 0. Each down
 * period loses data at most once, at the first of: a standby of the service serving while the
 * primary is down (the service goes on from a copy: a failover away from the primary), or hardware
 * destroyed at the primary's unit (or, for a zone, at its site) by an outage that ended within the
 * period. The writes lost are those newer than the latest surviving copy when the primary went down
 * at {@code t0}: none from a synchronous replica, the lag from an asynchronous one, {@code (t0 −
 * phase) mod interval} from backups taken at {@code phase + k × interval}; a copy whose unit was
 * destroyed by then is gone. With no surviving copy everything is lost: the writes since t = 0 of
 * the trial ({@code t0} hours) are counted, and the loss breaches any rpo.
 *
 * <p>The phase of a service's backups is one uniform draw from its own source {@code backup@A}
 * (draw 0), taken when a loss first needs it, so data moves no other draw (common random numbers).
 */
final class DataLoss {
  private final Plan p;
  private final SiteTimelines timelines;
  private final StreamKeys keys;
  private final TrialStream stream = new TrialStream();

  /** {@link Plan#dataServices}; the arrays below are indexed by position in it. */
  private final int[] services;

  /** Whether the primary is down, since when, and whether its down period has lost data. */
  private final boolean[] down;

  private final double[] downSince;
  private final boolean[] lostInPeriod;

  /** Each service's down periods in the trial [start, end) (end: the horizon while open). */
  private final IntervalBuffer[] periods;

  /** The phase of each service's backups in the trial, NaN until drawn. */
  private final double[] phase;

  private long trial;

  /** Per service (dependency order): hours of writes lost in the trial. */
  final double[] lost;

  /** Per service: whether the trial lost any write (a loss of more than 0 hours, or every copy). */
  final boolean[] anyLoss;

  /** Per service: whether one loss exceeded the rpo (or lost every copy). */
  final boolean[] rpoBreach;

  DataLoss(Plan plan, SiteTimelines timelines, StreamKeys keys) {
    this.p = plan;
    this.timelines = timelines;
    this.keys = keys;
    services = plan.dataServices;
    int n = services.length;
    down = new boolean[n];
    downSince = new double[n];
    lostInPeriod = new boolean[n];
    periods = new IntervalBuffer[n];
    for (int i = 0; i < n; i++) {
      periods[i] = new IntervalBuffer();
    }
    phase = new double[n];
    lost = new double[plan.services];
    anyLoss = new boolean[plan.services];
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
      rpoBreach[a] = false;
    }
  }

  /** Starts the sweep of trial number {@code trial}: every primary up, no backup phase drawn. */
  void startSweep(long trial) {
    this.trial = trial;
    for (int i = 0; i < services.length; i++) {
      down[i] = false;
      lostInPeriod[i] = false;
      periods[i].clear();
      phase[i] = Double.NaN;
    }
  }

  /**
   * At instant t of the sweep, after its failovers started: opens and closes the primaries' down
   * periods from the units' capacity factors, and loses a down primary's newer writes where a
   * standby serves.
   */
  void instant(double t, CapacityState state) {
    for (int i = 0; i < services.length; i++) {
      int a = services[i];
      boolean isDown = state.capValue[p.dataPrimary[a]] == 0;
      if (isDown && !down[i]) {
        down[i] = true;
        downSince[i] = t;
        lostInPeriod[i] = false;
        periods[i].add(t, p.horizonHours, 0);
      } else if (!isDown && down[i]) {
        down[i] = false;
        periods[i].end[periods[i].size - 1] = t;
      }
      if (down[i] && !lostInPeriod[i] && state.foState[a] == CapacityState.JOINED) {
        lostInPeriod[i] = true;
        periods[i].cause[periods[i].size - 1] = 1;
        lose(i, downSince[i], t);
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
      }
    }
  }

  private void destroyedAt(int i, IntervalBuffer destroyed) {
    IntervalBuffer d = periods[i];
    for (int j = 0; j < destroyed.size; j++) {
      double te = destroyed.start[j];
      int k = d.size - 1;
      while (k >= 0 && !(d.start[k] < te || (d.start[k] == 0 && te == 0))) {
        k--;
      }
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
   * Service i's primary, down since {@code t0}, is lost at {@code when}: the writes newer than the
   * latest copy surviving at {@code when}.
   */
  private void lose(int i, double t0, double when) {
    int a = services[i];
    double hours = Double.POSITIVE_INFINITY;
    int replica = p.dataReplica[a];
    if (replica != Plan.NONE && !destroyedBy(replica, when)) {
      hours = p.dataReplicaLag[a];
    }
    int backup = p.dataBackup[a];
    if (backup != Plan.NONE && !destroyedBy(backup, when)) {
      hours = Math.min(hours, sinceBackup(i, t0));
    }
    boolean total = hours == Double.POSITIVE_INFINITY;
    if (total) {
      hours = Math.max(t0, 0);
    }
    lost[a] += hours;
    if (total || hours > 0) {
      anyLoss[a] = true;
    }
    if (total || hours > p.rpoHours[a]) {
      rpoBreach[a] = true;
    }
  }

  /** Whether unit u (or, for a zone, its site) lost its hardware by {@code when}. */
  private boolean destroyedBy(int u, double when) {
    return firstDestroyed(timelines.destroyed[u]) <= when
        || firstDestroyed(timelines.destroyed[p.unitSite[u]]) <= when;
  }

  private static double firstDestroyed(IntervalBuffer d) {
    double first = Double.POSITIVE_INFINITY;
    for (int j = 0; j < d.size; j++) {
      first = Math.min(first, d.start[j]);
    }
    return first;
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
