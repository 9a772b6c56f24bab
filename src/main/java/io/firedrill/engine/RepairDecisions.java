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

  /**
   * The most work the rounds of one trial may take: rounds times the trial's events and decisions.
   * A trial of a million events may take 20 rounds (seconds), one of a thousand all 1,000.
   */
  static final long MAX_WORK = 20_000_000;

  private final Plan p;
  private final HazardDraws draws;

  /** Whether some hazard's repair needs services. */
  private final boolean on;

  /**
   * Per slot: how many decisions it has had in this round's sampling so far (for a hazard's own
   * outages, the number of its next outage from t = 0: its manual draw's draw number).
   */
  private final int[] ordinals;

  /**
   * Per slot: the paths its decisions took in the round before, in the order they were sampled
   * (true for manual), and how many: the guess for a decision of this round that the round before
   * did not judge at the same instant (a later outage, moved by a path that changed before it).
   */
  private final boolean[][] before;

  private final int[] beforeCount;

  // This round's decisions: when each is judged, its slot (hazard h for its own outages, hazards
  // + h for a cooling's trips), the path it was sampled with and the path the sweep observed.
  private double[] time = new double[16];
  private int[] slot = new int[16];
  private int[] ordinal = new int[16];
  private boolean[] chosen = new boolean[16];
  private boolean[] observed = new boolean[16];

  /** Decision indices in the order of (time, slot). */
  private int[] order = new int[16];

  private int size;

  // The guesses for the next round, sorted by (time, slot): the path of each decision of the
  // round before. A decision not among them is guessed automatic.
  private double[] guessTime = new double[16];
  private int[] guessSlot = new int[16];
  private boolean[] guessManual = new boolean[16];
  private int guesses;

  /** Position in {@link #order} of the next decision the sweep observes. */
  private int next;

  /** Decisions at or before this time are settled. */
  private double settled;

  private int rounds;

  RepairDecisions(Plan plan, HazardDraws draws) {
    this.p = plan;
    this.draws = draws;
    this.on = plan.anyRepairNeeds;
    this.ordinals = new int[2 * plan.hazards];
    this.before = new boolean[2 * plan.hazards][0];
    this.beforeCount = new int[2 * plan.hazards];
  }

  /** Whether some hazard's repair needs services (else nothing here is ever called). */
  boolean on() {
    return on;
  }

  /** Starts a trial: every outage guessed automatic, nothing settled. */
  void startTrial() {
    guesses = 0;
    Arrays.fill(beforeCount, 0);
    settled = Double.NEGATIVE_INFINITY;
    rounds = 0;
  }

  /** Starts a round's sampling: no outage judged yet. */
  void startSampling() {
    Arrays.fill(ordinals, 0);
    size = 0;
  }

  /**
   * Hazard h has an outage judged at {@code at} (hours: its start, or a fire's ignition) that
   * begins at {@code start} (at or after {@code at}) and lasts {@code drawn} by its automatic path:
   * returns its length by the path guessed for it (the manual work placed by the staffing from
   * {@code start}), and records the decision for the sweep to observe. Its manual draw has draw
   * number n, the outage's number from t = 0 in the trial. A hazard without needs, and an outage
   * judged before t = 0 (a stationary start's), lasts as drawn.
   */
  double outage(int h, double at, double start, double drawn) {
    if (p.hazardManual[h] == Plan.NONE || !(at >= 0)) {
      return drawn;
    }
    return length(h, at, start, drawn, ordinals[h]);
  }

  /**
   * The cooling hazard h trips at {@code at} at the n-th loss of its site's utility in the trial (n
   * from 1), lasting {@code drawn} by its automatic path: as {@link #outage}, with draw number −n
   * for the manual time.
   */
  double trip(int h, double at, double drawn, long n) {
    if (p.hazardManual[h] == Plan.NONE || !(at >= 0)) {
      return drawn;
    }
    return length(p.hazards + h, at, at, drawn, -n);
  }

  private double length(int s, double at, double start, double drawn, long drawNumber) {
    int k = ordinals[s]++;
    boolean manual = guessed(at, s, k);
    add(at, s, k, manual);
    if (!manual) {
      return drawn;
    }
    int h = s % p.hazards;
    draws.effect(p.hazardManualSource[h], drawNumber);
    double work = draws.effectSample(p.hazardManual[h]);
    double end = p.workDone(start, work);
    // Without staffing the end is start + work: the length is then the draw itself, exactly.
    return end == start + work ? work : end - start;
  }

  /**
   * The guessed path of the k-th decision of slot s, judged at {@code at}: the path of the decision
   * of the round before at the same instant and slot (a settled decision finds its own this way,
   * since nothing before the settled instant moves), else that of the round before's k-th decision
   * of the slot, else automatic.
   */
  private boolean guessed(double at, int s, int k) {
    int lo = 0;
    int hi = guesses - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(guessTime[mid], guessSlot[mid], at, s);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return guessManual[mid];
      }
    }
    return k < beforeCount[s] && before[s][k];
  }

  private static int compare(double t1, int s1, double t2, int s2) {
    return t1 != t2 ? Double.compare(t1, t2) : Integer.compare(s1, s2);
  }

  private void add(double t, int s, int k, boolean manual) {
    if (size == time.length) {
      int c = 2 * size;
      time = Arrays.copyOf(time, c);
      slot = Arrays.copyOf(slot, c);
      ordinal = Arrays.copyOf(ordinal, c);
      chosen = Arrays.copyOf(chosen, c);
      observed = Arrays.copyOf(observed, c);
      order = Arrays.copyOf(order, c);
    }
    time[size] = t;
    slot[size] = s;
    ordinal[size] = k;
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
      while (j >= 0 && compare(time[order[j]], slot[order[j]], time[x], slot[x]) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    next = 0;
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
      for (int b : p.hazardNeeds[slot[i] % p.hazards]) {
        met &= CapacityState.meets(served[b], p.slo[b]);
      }
      observed[i] = !met;
    }
  }

  /**
   * After a sweep of a trial of {@code events} events: true if every decision after the settled
   * ones took the path the sweep observed (the trial is its causal solution); else makes the
   * observations the next round's guesses, settles every decision up to the first disagreement, and
   * returns false.
   *
   * @throws Kernel.TooManyEvents if the trial has taken {@link #MAX_ROUNDS} rounds, or rounds of
   *     more than {@link #MAX_WORK} events and decisions in all
   */
  boolean settle(int events) {
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
    rounds++;
    if (rounds >= MAX_ROUNDS || (long) rounds * (events + size) > MAX_WORK) {
      throw Kernel.TooManyEvents.repairRounds(rounds, p.causeNames[slot[first] % p.hazards]);
    }
    if (guessTime.length < size) {
      guessTime = Arrays.copyOf(guessTime, time.length);
      guessSlot = Arrays.copyOf(guessSlot, time.length);
      guessManual = Arrays.copyOf(guessManual, time.length);
    }
    for (int j = 0; j < size; j++) {
      int i = order[j];
      guessTime[j] = time[i];
      guessSlot[j] = slot[i];
      guessManual[j] = time[i] > settled ? observed[i] : chosen[i];
    }
    guesses = size;
    Arrays.fill(beforeCount, 0);
    for (int i = 0; i < size; i++) {
      int s = slot[i];
      int k = ordinal[i];
      if (k >= before[s].length) {
        before[s] = Arrays.copyOf(before[s], Math.max(4, 2 * (k + 1)));
      }
      before[s][k] = time[i] > settled ? observed[i] : chosen[i];
      beforeCount[s] = Math.max(beforeCount[s], k + 1);
    }
    settled = time[first];
    return false;
  }
}
