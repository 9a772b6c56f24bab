package io.firedrill.engine;

import io.firedrill.plan.Plan;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The hazard streams of a trial and what every hazard kind draws from them: samplers per
 * distribution id (ordinary and length-biased), uniforms, the count of hazard events against {@link
 * Kernel#MAX_EVENTS_DRAWN}, the stationary state of an alternating renewal process at t = 0, and
 * the generator's draws at a supply outage.
 *
 * <p>Three streams, each reseeded in place ({@link StreamKeys}) to the substream of one source: the
 * hazard stream, which a hazard sampler moves to its own source ({@link #source}) before its first
 * draw; the power stream, moved to (site's {@code power@S}, n) at the site's n-th supply outage
 * ({@link #supplyOutage}) so that the generator's draws, made in the middle of a grid's sampling,
 * leave the grid's own stream as it was; and the effect stream, moved to (an effect's source, n) at
 * its hazard's n-th failure ({@link #effect}), for the same reason. The samplers are built once on
 * these streams and follow their reseeds, so nothing here allocates per trial. Which hazard draws
 * what is decided by the samplers of each kind ({@link Hazards}); this class only draws.
 */
final class HazardDraws {
  private final StreamKeys keys;
  private final TrialStream rng = DrawCounts.stream();
  private final TrialStream powerRng = DrawCounts.stream();
  private final TrialStream effectRng = DrawCounts.stream();
  private final TrialStream historyRng = DrawCounts.stream();

  /** The draw number of a hazard's history before a stationary start ({@link #history}). */
  private static final long HISTORY = 1L << 40;

  private final ContinuousSampler[] ordinary;
  private final ContinuousSampler[] lengthBiased;

  /** Exponential of mean 1 on the power stream (a generator's run time at rate 1). */
  private final ContinuousSampler powerExponential;

  /** By distribution id: samplers on the power stream (a generator's repairs). */
  private final ContinuousSampler[] power;

  /** By distribution id: samplers on the effect stream (a cascade's delay and outage). */
  private final ContinuousSampler[] effect;

  /** By distribution id: samplers on the history stream (failures before a stationary start). */
  private final ContinuousSampler[] history;

  /** The current trial's number, which keys every substream. */
  private long trial;

  /** The mean of each distribution, by id, hours. */
  private final double[] mean;

  private final String[] causeNames;

  /** The plan's site names, for {@link #countCopies}. */
  private final String[] siteNames;

  /** Hazard events drawn in the current trial, for {@link #count}. */
  private long drawn;

  // The stationary state of one renewal process at t = 0, set by stationaryState.

  /** Whether the process has an outage at all (false for a rate of 0). */
  boolean initialOutage;

  /** Start of the outage in progress at t = 0, or of the one before the up time in progress. */
  double initialStart;

  /** Length of that outage, hours. */
  double initialLength;

  /** The first failure after t = 0 (with an onset under way at 0, the failure before it). */
  double nextFailure;

  /**
   * With an onset under way at t = 0: the whole onset of the failure at {@link #nextFailure}, so
   * that its outage begins at {@code nextFailure + pendingOnset} > 0; NaN otherwise.
   */
  double pendingOnset = Double.NaN;

  /** Samplers of {@code plan}'s distributions on streams keyed by {@code keys}. */
  HazardDraws(Plan plan, StreamKeys keys) {
    this.keys = keys;
    int nd = plan.distributions.size();
    ordinary = new ContinuousSampler[nd];
    lengthBiased = new ContinuousSampler[nd];
    power = new ContinuousSampler[nd];
    effect = new ContinuousSampler[nd];
    history = new ContinuousSampler[nd];
    mean = new double[nd];
    // Each sampler itself unless the run counts its draws (DrawCounts, benchmarks/floor).
    for (int i = 0; i < nd; i++) {
      ordinary[i] = DrawCounts.sampler(plan, i, rng, DrawCounts.ORDINARY);
      lengthBiased[i] = DrawCounts.sampler(plan, i, rng, DrawCounts.LENGTH_BIASED);
      power[i] = DrawCounts.sampler(plan, i, powerRng, DrawCounts.ORDINARY);
      effect[i] = DrawCounts.sampler(plan, i, effectRng, DrawCounts.ORDINARY);
      history[i] = DrawCounts.sampler(plan, i, historyRng, DrawCounts.ORDINARY);
      // Computed once: a distribution's mean() may build a Commons Statistics object per call.
      mean[i] = plan.distributions.get(i).mean();
    }
    powerExponential =
        DrawCounts.counted(
            ZigguratSampler.Exponential.of(powerRng),
            DrawCounts.kind("exponential", DrawCounts.ORDINARY));
    causeNames = plan.causeNames;
    siteNames = plan.siteNames;
  }

  /**
   * The tilts of importance sampling ({@link Tilts}), or null (every hazard as the model has it).
   */
  Tilts tilts;

  /**
   * A time to failure of hazard {@code h} from the hazard stream (its source set), hours: a draw of
   * its distribution, divided by its tilt if it has one ({@link Tilts#draw}). A sampler that finds
   * the draw reaching the horizon calls {@link #censored}.
   */
  double timeToFailure(int h, int id) {
    double y = ordinary[id].sample();
    return tilts == null ? y : tilts.draw(h, y);
  }

  /**
   * The time to failure of hazard {@code h} just drawn ({@link #timeToFailure}), begun at {@code
   * start} hours, reaches the horizon: for the likelihood ratio of a tilt.
   */
  void censored(int h, double start) {
    if (tilts != null) {
      tilts.censored(h, start);
    }
  }

  /**
   * An outage of hazard {@code h} from the hazard stream: a draw of distribution {@code id}, made
   * longer by its tilt if it has one ({@link Tilts#outage}).
   */
  double outage(int h, int id) {
    double y = ordinary[id].sample();
    return tilts == null ? y : tilts.outage(h, y);
  }

  /** A draw of distribution {@code id} from the hazard stream, hours. */
  double sample(int id) {
    return ordinary[id].sample();
  }

  /** A uniform draw in [0, 1). */
  double uniform() {
    return rng.nextDouble();
  }

  /** Hazard events counted so far in the current trial ({@link #count}, {@link #countCopies}). */
  long drawn() {
    return drawn;
  }

  /** Starts trial number {@code trial}: its substreams, and its count of hazard events. */
  void startTrial(long trial) {
    this.trial = trial;
    drawn = 0;
    if (tilts != null) {
      tilts.startTrial();
    }
  }

  /**
   * Moves the hazard stream to the start of source {@code source}'s substream in this trial: every
   * draw from here on, until the next call, belongs to that source.
   */
  void source(long source) {
    keys.reseed(rng, trial, source, 0);
  }

  /**
   * Moves the power stream to draw {@code n} of source {@code source} (a site's {@code power@S} and
   * the number of its supply outage within the trial), for {@link #powerUniform} and {@link
   * #powerExponential}.
   */
  void supplyOutage(long source, long n) {
    keys.reseed(powerRng, trial, source, n);
  }

  /** A uniform draw in [0, 1) from the power stream. */
  double powerUniform() {
    return powerRng.nextDouble();
  }

  /** An exponential draw of mean 1 from the power stream. */
  double powerExponential() {
    return powerExponential.sample();
  }

  /**
   * Moves the effect stream to draw {@code n} of source {@code source} (an effect's {@code
   * KIND@TARGET>SITE} and the number of the hazard's failure within the trial), for {@link
   * #effectUniform} and {@link #effectSample}.
   */
  void effect(long source, long n) {
    keys.reseed(effectRng, trial, source, n);
  }

  /** A uniform draw in [0, 1) from the effect stream. */
  double effectUniform() {
    return effectRng.nextDouble();
  }

  /** A draw of distribution {@code id} from the effect stream, hours. */
  double effectSample(int id) {
    return effect[id].sample();
  }

  /**
   * Moves the history stream to source {@code source}'s history (draw number 2^40): the failures of
   * a hazard before its stationary state at t = 0, drawn backwards, apart from every draw after 0,
   * so that a warm-up changes none of them.
   */
  void history(long source) {
    keys.reseed(historyRng, trial, source, HISTORY);
  }

  /** A draw of distribution {@code id} from the history stream, hours. */
  double historySample(int id) {
    return history[id].sample();
  }

  /** A uniform draw in [0, 1) from the history stream. */
  double historyUniform() {
    return historyRng.nextDouble();
  }

  /** A draw of distribution {@code id} from the power stream, hours. */
  double powerSample(int id) {
    return power[id].sample();
  }

  /**
   * Counts {@code n} more events at once: site s's intervals copied to each of its zones.
   *
   * @throws Kernel.TooManyEvents past the trial's limit, naming the site's zones
   */
  void countCopies(int s, long n) {
    drawn += n;
    if (drawn > Kernel.MAX_EVENTS_DRAWN) {
      throw Kernel.TooManyEvents.zones(siteNames[s], Kernel.MAX_EVENTS_DRAWN);
    }
  }

  /**
   * Counts one hazard event of the trial and stops the run, naming the hazard, past {@link
   * Kernel#MAX_EVENTS_DRAWN}: the up-front estimate uses mean times to failure, and a distribution
   * whose draws are mostly far below its mean (a Weibull of tiny shape) can exceed it by orders of
   * magnitude, which would otherwise end in an out-of-memory error.
   *
   * @throws Kernel.TooManyEvents past the limit
   */
  void count(int cause) {
    if (++drawn > Kernel.MAX_EVENTS_DRAWN) {
      throw new Kernel.TooManyEvents(
          causeNames[cause & ScenarioForcing.CAUSE], Kernel.MAX_EVENTS_DRAWN);
    }
  }

  /**
   * The state at t = 0 of an alternating renewal process (up ~ ttf, down ~ outage) that has run
   * forever: down with probability q = E[D] / (E[U] + E[D]). The interval covering t = 0 is
   * length-biased and t = 0 falls uniformly within it (Cox, Renewal Theory, §7.3). Down: the outage
   * in progress began at −U·L_D. Up: the up time began at −U·L_U, and the outage before it, an
   * ordinary draw independent of the up time, ended there (so that a restart after it still running
   * at t = 0 is included). Sets {@link #initialOutage}, {@link #initialStart}, {@link
   * #initialLength} (that outage) and {@link #nextFailure} (the first failure after 0).
   */
  void stationaryState(int ttfId, int outageId) {
    pendingOnset = Double.NaN;
    double eu = mean[ttfId];
    double ed = mean[outageId];
    initialOutage = eu < Double.POSITIVE_INFINITY; // a hazard with rate 0 is never down
    if (!initialOutage) {
      nextFailure = Double.POSITIVE_INFINITY;
    } else if (rng.nextDouble() * (eu + ed) < ed) {
      double len = lengthBiased[outageId].sample();
      initialStart = -rng.nextDouble() * len;
      initialLength = len;
      nextFailure = initialStart + len + ordinary[ttfId].sample();
    } else {
      double up = lengthBiased[ttfId].sample();
      double age = rng.nextDouble() * up;
      initialLength = ordinary[outageId].sample();
      initialStart = -age - initialLength;
      nextFailure = up - age;
    }
  }

  /**
   * The state at t = 0 of a renewal process whose cycle is up U ~ ttf, onset O ~ onset (still up),
   * outage D ~ outage, that has run forever. t = 0 falls in phase X with probability E[X] / (E[U] +
   * E[O] + E[D]), in a length-biased draw of that phase at a uniform point of it, the other phases
   * ordinary (Cox, Renewal Theory, §7.3). In D: the outage in progress. In U: the up time began at
   * −U·L_U after an outage that ended there. In O: the failure was at −O·L_O and its outage is
   * still to come ({@link #pendingOnset}); the outage before it ended an ordinary up time earlier.
   * Sets the fields of {@link #stationaryState}, and {@link #pendingOnset}.
   */
  void stationaryStateWithOnset(int ttfId, int onsetId, int outageId) {
    double eu = mean[ttfId];
    double eo = mean[onsetId];
    double ed = mean[outageId];
    pendingOnset = Double.NaN;
    initialOutage = eu < Double.POSITIVE_INFINITY; // a hazard with rate 0 is never down
    if (!initialOutage) {
      nextFailure = Double.POSITIVE_INFINITY;
      return;
    }
    double x = rng.nextDouble() * (eu + eo + ed);
    if (x < ed) {
      double len = lengthBiased[outageId].sample();
      initialStart = -rng.nextDouble() * len;
      initialLength = len;
      nextFailure = initialStart + len + ordinary[ttfId].sample();
    } else if (x < ed + eu) {
      double up = lengthBiased[ttfId].sample();
      double age = up * rng.nextDouble();
      initialLength = ordinary[outageId].sample();
      initialStart = -age - initialLength;
      nextFailure = up - age;
    } else {
      double onset = lengthBiased[onsetId].sample();
      double age = onset * rng.nextDouble();
      initialLength = ordinary[outageId].sample();
      initialStart = -age - ordinary[ttfId].sample() - initialLength;
      nextFailure = -age;
      pendingOnset = onset;
    }
  }

  /** A length-biased draw of distribution {@code id}: the one covering a fixed instant. */
  double lengthBiased(int id) {
    return lengthBiased[id].sample();
  }

  /** The mean of distribution {@code id}, hours. */
  double mean(int id) {
    return mean[id];
  }
}
