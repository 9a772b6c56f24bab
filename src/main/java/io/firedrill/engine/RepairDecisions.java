package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * Repairs that need services (docs/simulation.md, "Repair that needs services"): an outage of a
 * hazard with {@code needs} lasts its drawn {@code outage} if every service it needs is served at
 * least its slo at the outage's start, else a draw of its {@code manual}, placed by the staffing.
 *
 * <h2>Design</h2>
 *
 * <p>Hazards are sampled before the sweep, but which path an outage takes depends on served
 * fractions at its start, which only the sweep knows, and they in turn depend on earlier outages'
 * paths. Each decision depends on nothing after its instant, so the trial has one causal solution,
 * found in rounds: the hazards are sampled with a guess for each outage (automatic in the first
 * round; {@link #outage}), the sweep observes each decision at its instant ({@link #observe}), and
 * if every observation agrees with its guess the trial is that solution ({@link #settle}).
 * Otherwise the observations become the guesses and the trial is sampled and swept again. An
 * outage's path moves only its own end and what follows, never the state at or before its start, so
 * the decisions up to the first disagreement are settled for good: each round settles at least one
 * more instant, and they are never revisited (the guess stays as it was settled). Typically two
 * sweeps suffice: the first learns which outages take their own tooling down, the second confirms.
 * A trial that needs more than {@link #MAX_ROUNDS} rounds is refused ({@link
 * Kernel.TooManyEvents}).
 *
 * <p>The manual draw of hazard h's n-th outage from t = 0 comes from its own source, {@code
 * KIND@TARGET:manual} with draw number n ({@link Plan#hazardManualSource}), so the path an outage
 * takes moves no draw of the hazard's own stream (its later times to failure and outages are the
 * same draws, shifted in time) nor of any other source (common random numbers). Outages under way
 * at t = 0 of a stationary start, and those of a hazard's history before it, began before the trial
 * could judge them: they last as drawn.
 *
 * <p>Buffers grow only when a trial holds more decisions than any before; nothing else allocates.
 */
final class RepairDecisions {
  /** The most rounds of sampling and sweeping one trial may take to settle its repairs. */
  static final int MAX_ROUNDS = 1000;

  private final Plan p;
  private final HazardDraws draws;

  /** Whether some hazard's repair needs services. */
  private final boolean on;

  /** Per hazard: the number of the next outage judged in this round's sampling. */
  private final int[] numbers;

  /** Per hazard: the guessed path of its n-th judged outage, true for manual. */
  private final boolean[][] guess;

  /** Per hazard: how many entries of {@link #guess} this trial has set (the rest are automatic). */
  private final int[] guessed;

  // This round's decisions: the outage's start, its hazard, its number, the path it was sampled
  // with and the path the sweep observed.
  private double[] time = new double[16];
  private int[] hazard = new int[16];
  private int[] number = new int[16];
  private boolean[] chosen = new boolean[16];
  private boolean[] observed = new boolean[16];

  /** Decision indices in the order of (time, hazard, number). */
  private int[] order = new int[16];

  private int size;

  /** Position in {@link #order} of the next decision the sweep observes. */
  private int next;

  /** Decisions at or before this time are settled. */
  private double settled;

  private int rounds;

  RepairDecisions(Plan plan, HazardDraws draws) {
    this.p = plan;
    this.draws = draws;
    this.on = plan.anyRepairNeeds;
    this.numbers = new int[plan.hazards];
    this.guess = new boolean[plan.hazards][];
    this.guessed = new int[plan.hazards];
    for (int h = 0; h < plan.hazards; h++) {
      guess[h] = new boolean[plan.hazardNeeds[h].length > 0 ? 4 : 0];
    }
  }

  /** Whether some hazard's repair needs services (else nothing here is ever called). */
  boolean on() {
    return on;
  }

  /** Starts a trial: every outage guessed automatic, nothing settled. */
  void startTrial() {
    for (int h = 0; h < guessed.length; h++) {
      Arrays.fill(guess[h], 0, guessed[h], false);
      guessed[h] = 0;
    }
    settled = Double.NEGATIVE_INFINITY;
    rounds = 0;
  }

  /** Starts a round's sampling: no outage judged yet. */
  void startSampling() {
    Arrays.fill(numbers, 0);
    size = 0;
  }

  /**
   * Hazard h (which has needs) has an outage judged at {@code at} (hours, at or after 0: its start,
   * or a fire's ignition) that begins at {@code start} (at or after {@code at}) and lasts {@code
   * drawn} by its automatic path: returns its length by the path guessed for it (the manual work
   * placed by the staffing from {@code start}), and records the decision for the sweep to observe.
   */
  double outage(int h, double at, double start, double drawn) {
    int n = numbers[h]++;
    boolean manual = n < guessed[h] && guess[h][n];
    add(at, h, n, manual);
    if (!manual) {
      return drawn;
    }
    draws.effect(p.hazardManualSource[h], n);
    double work = draws.effectSample(p.hazardManual[h]);
    double end = p.workDone(start, work);
    // Without staffing the end is start + work: the length is then the draw itself, exactly.
    return end == start + work ? work : end - start;
  }

  private void add(double t, int h, int n, boolean manual) {
    if (size == time.length) {
      int c = 2 * size;
      time = Arrays.copyOf(time, c);
      hazard = Arrays.copyOf(hazard, c);
      number = Arrays.copyOf(number, c);
      chosen = Arrays.copyOf(chosen, c);
      observed = Arrays.copyOf(observed, c);
      order = Arrays.copyOf(order, c);
    }
    time[size] = t;
    hazard[size] = h;
    number[size] = n;
    chosen[size] = manual;
    observed[size] = manual;
    order[size] = size;
    size++;
  }

  /** Ends a round's sampling: the decisions in time order, the sweep before the first. */
  void endSampling() {
    // Insertion sort: a trial holds few decisions, and they come in runs already sorted per hazard.
    for (int i = 1; i < size; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= 0 && after(order[j], x)) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    next = 0;
  }

  /** Whether decision a comes after decision b in (time, hazard, number) order. */
  private boolean after(int a, int b) {
    if (time[a] != time[b]) {
      return time[a] > time[b];
    }
    return hazard[a] != hazard[b] ? hazard[a] > hazard[b] : number[a] > number[b];
  }

  /** How many outages this round judged. */
  int size() {
    return size;
  }

  /** Rewinds the sweep to the first decision. */
  void startSweep() {
    next = 0;
  }

  /** The time of the next decision the sweep has not observed, or infinity. */
  double nextTime() {
    return next < size ? time[order[next]] : Double.POSITIVE_INFINITY;
  }

  /**
   * The sweep's state at instant t, after everything at t (events, joins, failovers): each decision
   * at t (or before, which a sweep that skipped a healthy start did not stop at) observes whether
   * every service its hazard needs is served at least its slo.
   */
  void observe(double t, double[] served) {
    while (next < size && time[order[next]] <= t) {
      int i = order[next++];
      boolean met = true;
      for (int b : p.hazardNeeds[hazard[i]]) {
        met &= served[b] >= p.slo[b];
      }
      observed[i] = !met;
    }
  }

  /**
   * After a sweep: true if every decision after the settled ones took the path the sweep observed
   * (the trial is its causal solution); else adopts the observations as the next round's guesses,
   * settles every decision up to the first disagreement, and returns false.
   *
   * @throws Kernel.TooManyEvents if the trial has taken {@link #MAX_ROUNDS} rounds
   */
  boolean settle() {
    int first = -1;
    for (int j = 0; j < size && first < 0; j++) {
      int i = order[j];
      if (time[i] > settled && observed[i] != chosen[i]) {
        first = i;
      }
    }
    if (first < 0) {
      return true;
    }
    if (++rounds >= MAX_ROUNDS) {
      throw Kernel.TooManyEvents.repairRounds(MAX_ROUNDS, p.causeNames[hazard[first]]);
    }
    for (int i = 0; i < size; i++) {
      if (time[i] > settled) {
        setGuess(hazard[i], number[i], observed[i]);
      }
    }
    settled = time[first];
    return false;
  }

  private void setGuess(int h, int n, boolean manual) {
    boolean[] g = guess[h];
    if (n >= g.length) {
      g = guess[h] = Arrays.copyOf(g, Math.max(2 * g.length, n + 1));
    }
    g[n] = manual;
    guessed[h] = Math.max(guessed[h], n + 1);
  }
}
