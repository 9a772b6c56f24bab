package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * The fire hazard kind, with its dark-then-ramp effect: at each ignition a fire is contained
 * (probability {@code contained}, no effect) or burns, blocking the site for a dark time and then
 * restoring its capacity along a ramp (linear, or the site's restore curve) for a restore time; the
 * next ignition comes a time to failure after the ramp ends. The sampler of every hazard with the
 * {@code DARK_THEN_RAMP} effect (fires); hazard h is cause h.
 */
final class FireHazards {
  private final Plan p;
  private final HazardDraws draws;
  private final ScenarioForcing forcing;
  private final SiteTimelines timelines;
  private final Cascades cascades;
  private final Damages damages;

  private final RepairDecisions repairs;

  // The stationary state of one site's fires at t = 0, set by stationaryFire.
  private boolean initialFire;
  private double initialStart;
  private double initialLength;
  private double initialRestore;
  private double nextFailure;

  /**
   * With an onset under way at t = 0: the whole onset of the (uncontained) fire that ignited at
   * {@link #nextFailure}, before 0; NaN otherwise.
   */
  private double pendingOnset = Double.NaN;

  FireHazards(
      Plan plan,
      HazardDraws draws,
      ScenarioForcing forcing,
      Cascades cascades,
      Damages damages,
      SiteTimelines timelines,
      RepairDecisions repairs) {
    this.p = plan;
    this.repairs = repairs;
    this.cascades = cascades;
    this.damages = damages;
    this.draws = draws;
    this.forcing = forcing;
    this.timelines = timelines;
  }

  /**
   * Samples the fires of unit s (a site, or a zone) that the scenario leaves active ({@link
   * Plan#siteRampHazards}).
   */
  void sample(int s) {
    for (int h : p.siteRampHazards[s]) {
      if (forcing.active(h)) {
        sampleFire(h);
      }
    }
  }

  /**
   * Samples fire hazard h up to the horizon, from its own source ({@code fire@S}), into its site's
   * blocked intervals and ramps. A forced fire ignites at its forced time, uncontained, and without
   * background is the only one; with a stationary background an unforced fire starts in its
   * stationary state ({@link #stationaryFire}).
   */
  private void sampleFire(int h) {
    int s = p.hazardTarget[h];
    draws.source(p.hazardSource[h]);
    final double horizon = p.horizonHours;
    final int ttf = p.hazardTtf[h];
    final int dark = p.hazardOutage[h];
    final int restore = p.hazardRestore[h];
    final int onset = p.hazardOnset[h];
    IntervalBuffer blocked = timelines.blocked[s];
    double contained = p.hazardContained[h];
    int cause = h;
    boolean forcedNow = forcing.forced(h);
    double first;
    double pending = Double.NaN; // an onset under way at t = 0 (stationary start)
    if (forcedNow) {
      first = forcing.at(h);
    } else if (forcing.stationary()) {
      stationaryFire(h);
      double ignition = history(h);
      if (initialFire) {
        blocked.add(initialStart, initialStart + initialLength, cause);
        restoreRamp(h, initialStart + initialLength, initialRestore, cause);
        damages.outageEnds(h, initialStart + initialLength, true, 0);
        // Its effects from its ignition (its onset drawn by the history; without effects, there
        // is no history and nothing to set off).
        cascades.setOff(h, ignition == ignition ? ignition : initialStart, initialLength, 0);
      }
      first = nextFailure;
      pending = pendingOnset;
    } else {
      first = draws.timeToFailure(h, ttf);
      if (first >= horizon) {
        draws.censored(h, 0);
      }
    }
    for (double t = first; t < horizon; ) {
      draws.count(cause);
      // A fire whose onset is under way at t = 0 is uncontained: that is why it is under way.
      boolean isContained = draws.uniform() < contained && !forcedNow && pending != pending;
      int marked = forcedNow ? cause | ScenarioForcing.FORCED : cause;
      forcedNow = false;
      // Dark and restore times are drawn for a contained fire too, so that containment moves no
      // later draw.
      // A contained fire's dark time is drawn but not used: untilted, it adds no ratio.
      double d = isContained ? draws.sample(dark) : draws.outage(h, dark);
      double r = draws.sample(restore);
      double ignition = t;
      if (onset != Plan.NONE) {
        // The dark time begins after the onset (drawn for a contained fire too).
        double o = pending == pending ? pending : draws.sample(onset);
        pending = Double.NaN;
        if (!isContained) {
          t += o;
        }
      }
      if (isContained) {
        double start = t;
        t += draws.timeToFailure(h, ttf);
        if (t >= horizon) {
          draws.censored(h, start);
        }
      } else {
        // Its dark time's path, by what is up at the ignition: its effects count from there.
        d = repairs.outage(h, ignition, t, d);
        // Its effects count from the ignition, before the onset: the building cut off for the
        // fire brigade an hour after a hall lost power.
        cascades.setOff(h, ignition, d, marked & ScenarioForcing.FORCED);
        if (t >= horizon) {
          break; // dark only after the horizon
        }
        blocked.add(t, t + d, marked);
        restoreRamp(h, t + d, r, marked);
        damages.outageEnds(h, t + d, true, marked & ScenarioForcing.FORCED);
        if (!forcing.background()) {
          break;
        }
        double start = t + d + r;
        t += d + r + draws.timeToFailure(h, ttf);
        if (t >= horizon) {
          draws.censored(h, start);
        }
      }
    }
  }

  /**
   * Fire h's ignitions before its stationary state's earliest one, back to its warm-up ({@link
   * Plan#hazardWarmUp}; none for a fire without effects): drawn backwards from its history
   * substream (up time, containment, dark, restore and onset per cycle), they set off only their
   * effects, from their ignitions, each with its own draw numbers, so that a warm-up moves no draw
   * after 0.
   *
   * @return the ignition of the fire under way at t = 0 ({@link #initialFire}: its onset the
   *     history's first draw), or NaN when there is none or no history
   */
  private double history(int h) {
    final double w = p.hazardWarmUp[h];
    if (w == 0 || nextFailure == Double.POSITIVE_INFINITY) {
      return Double.NaN; // nothing to set off, or a fire that never ignites (rate 0)
    }
    final int onset = p.hazardOnset[h];
    draws.history(p.hazardSource[h]);
    // The ignition that begins the earliest cycle the stationary state knows.
    double b;
    if (pendingOnset == pendingOnset) {
      b = nextFailure;
    } else if (initialFire) {
      b = initialStart - (onset == Plan.NONE ? 0 : draws.historySample(onset));
    } else {
      b = initialStart + initialLength + initialRestore;
    }
    final double initialIgnition = initialFire ? b : Double.NaN;
    for (long k = 0; ; k++) {
      double u = draws.historySample(p.hazardTtf[h]);
      boolean isContained = draws.historyUniform() < p.hazardContained[h];
      double d = draws.historySample(p.hazardOutage[h]);
      double r = draws.historySample(p.hazardRestore[h]);
      double o = onset == Plan.NONE ? 0 : draws.historySample(onset);
      double end = b - u; // the cycle before ends here
      double ignition = end - r - d - o;
      if (!((isContained ? end : ignition) >= -w)) {
        return initialIgnition;
      }
      draws.count(h);
      if (isContained) {
        b = end;
      } else {
        cascades.setOffHistory(h, ignition, d, k);
        damages.historyOutageEnds(h, ignition + o + d, true, k);
        b = ignition;
      }
    }
  }

  /**
   * The stationary state of fire hazard h at t = 0. A cycle is a time to ignition U and then, if
   * the fire is not contained (probability 1 − c), dark time D and restore time R: Z = D + R, else
   * Z = 0. t = 0 lies in a fire with probability E[Z] / (E[U] + E[Z]), E[Z] = (1 − c)(E[D] + E[R]);
   * within the fire, in the dark part with probability E[D] / (E[D] + E[R]) (then D is
   * length-biased and R ordinary) or in the restore ramp (R length-biased, D ordinary), at a
   * uniform point of that part. Otherwise t = 0 lies in a length-biased U, and the cycle before
   * ended with a fire (ordinary D and R) with probability 1 − c (Cox, Renewal Theory, §7.3). With
   * an onset O, an uncontained fire's part is O + D + R, and t = 0 lies in its onset with
   * probability (1 − c)E[O] / (E[U] + (1 − c)(E[O] + E[D] + E[R])): it ignited at −O·L_O and its
   * dark time is still to come ({@link #pendingOnset}). Sets {@link #initialFire} and, for that
   * fire, {@link #initialStart} (its ignition), {@link #initialLength} (dark) and {@link
   * #initialRestore}; {@link #nextFailure} is the next ignition.
   */
  private void stationaryFire(int h) {
    int ttfId = p.hazardTtf[h];
    int darkId = p.hazardOutage[h];
    int restoreId = p.hazardRestore[h];
    double eu = draws.mean(ttfId);
    double ed = draws.mean(darkId);
    double er = draws.mean(restoreId);
    double eo = p.hazardOnset[h] == Plan.NONE ? 0 : draws.mean(p.hazardOnset[h]);
    double ez = (1 - p.hazardContained[h]) * (eo + ed + er);
    pendingOnset = Double.NaN;
    if (eu == Double.POSITIVE_INFINITY) {
      initialFire = false; // rate 0: never burning
      nextFailure = Double.POSITIVE_INFINITY;
    } else if (draws.uniform() * (eu + ez) < ez) {
      initialFire = true;
      double y = draws.uniform() * (eo + ed + er);
      if (y < eo) {
        // In an uncontained fire's onset: it ignited O·L_O ago, dark at O − age.
        initialFire = false;
        double o = draws.lengthBiased(p.hazardOnset[h]);
        nextFailure = -draws.uniform() * o;
        pendingOnset = o;
        return;
      }
      if (y - eo < ed) {
        initialLength = draws.lengthBiased(darkId);
        initialRestore = draws.sample(restoreId);
        initialStart = -draws.uniform() * initialLength;
      } else {
        initialRestore = draws.lengthBiased(restoreId);
        initialLength = draws.sample(darkId);
        initialStart = -initialLength - draws.uniform() * initialRestore;
      }
      nextFailure = initialStart + initialLength + initialRestore + draws.sample(ttfId);
    } else {
      double up = draws.lengthBiased(ttfId);
      double age = draws.uniform() * up;
      initialFire = draws.uniform() >= p.hazardContained[h];
      initialLength = draws.sample(darkId);
      initialRestore = draws.sample(restoreId);
      initialStart = -age - initialLength - initialRestore;
      nextFailure = up - age;
    }
  }

  /**
   * Fire h's restore ramp from {@code t}, lasting {@code r}, at its site: linear, or the fire's
   * restore curve.
   */
  private void restoreRamp(int h, double t, double r, int cause) {
    IntervalBuffer ramps = timelines.ramps[p.hazardTarget[h]];
    double[] x = p.hazardCurveAt[h];
    double[] y = p.hazardCurveCapacity[h];
    if (x == null) {
      ramps.addRamp(t, t + r, cause, 0, 1);
      return;
    }
    ramps.addCurve(t, r, x, y, cause, Double.POSITIVE_INFINITY);
  }
}
