package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * Counts of what a run draws, for the random-number floor of a model (issue 15, {@code
 * benchmarks/floor}): Philox evaluations (trial keys), reseeds of a substream, 64-bit words of
 * xoroshiro128++ ({@link TrialStream#nextLong}), and calls of each kind of sampler. The floor of a
 * model is the time these draws alone take per trial, each count times the cost of one call
 * measured on its own; the kernel's time per trial over it says how much of a trial is anything but
 * drawing random numbers.
 *
 * <p>Off unless the JVM starts with {@code -Dfiredrill.countDraws=true}, read once. The kernel gets
 * its streams, its keys and its samplers from here where it builds them, never per draw: with
 * counting off they are the plain {@link TrialStream}, {@link StreamKeys} and Commons RNG samplers,
 * and the counting classes ({@link CountingStream}, {@link CountingKeys}, {@link Counted}) are
 * never loaded. Nothing a trial runs changes: the bytecode of every method it calls is as before
 * (TrialStream and StreamKeys are sealed instead of final, which with no subclass loaded the JIT
 * compiles alike; a generator's unit exponential is called through {@link ContinuousSampler}).
 * KernelBenchmark side by side with and without this class: docs/performance.md, "The random-number
 * floor". With it on, each is replaced by a subclass or wrapper that counts, then does the same, so
 * the numbers drawn and a run's results are the same.
 *
 * <p>The counters are plain static longs, neither atomic nor per thread: a counting run must run
 * the kernel on one thread, one kernel at a time (several threads would lose counts, not fail). A
 * sampler call counts once under its kind, and the words it takes from the stream count as words; a
 * word taken outside any sampler is one of the kernel's own uniform draws ({@code
 * rng.nextDouble()}: a failover's success, a generator's start, a stationary start's phase).
 */
final class DrawCounts {
  private DrawCounts() {}

  /** Whether draws are counted: {@code -Dfiredrill.countDraws=true}, read once. */
  static final boolean ON = Boolean.getBoolean("firedrill.countDraws");

  /** Sampler variants: an ordinary draw. */
  static final int ORDINARY = 0;

  /**
   * A draw of the length-biased distribution ({@link
   * io.firedrill.dist.Distribution#lengthBiasedSampler}).
   */
  static final int LENGTH_BIASED = 1;

  /** A draw whose value is not used ({@link io.firedrill.dist.Distribution#skipSampler}). */
  static final int SKIP = 2;

  private static final String[] VARIANTS = {"", "-lb", "-skip"};

  /** The families of distribution (io.firedrill.dist), by the lower-case name of their record. */
  private static final String[] FAMILIES = {
    "exponential", "lognormal", "weibull", "gamma", "uniform", "triangular", "fixed", "never"
  };

  /** Number of sampler kinds: each family in each variant. */
  static final int KINDS = FAMILIES.length * VARIANTS.length;

  /** Philox4x64-10 evaluations: trial keys computed ({@link StreamKeys#startTrial}). */
  static long trialKeys;

  /** Substreams started: {@link StreamKeys#reseed} calls (two SplitMix64 finalizers each). */
  static long reseeds;

  /** 64-bit words drawn from xoroshiro128++ ({@link TrialStream#nextLong}), in samplers or not. */
  static long words;

  /** The words of {@link #words} drawn outside any sampler: the kernel's own uniforms. */
  static long uniforms;

  /** Sampler calls by kind ({@link #kindName}). */
  static final long[] samples = new long[KINDS];

  /** Words drawn by the sampler calls of each kind (0 for a kind that draws none: fixed, never). */
  static final long[] sampleWords = new long[KINDS];

  /** Sampler calls under way: a word drawn while it is 0 is a uniform of the kernel's own. */
  private static int depth;

  /** A trial stream: one that counts its words when counting is on. */
  static TrialStream stream() {
    // CountingStream is named only in a method of its own: a `new CountingStream()` here would load
    // it when this class is verified, and with a subclass loaded the JIT would have to check the
    // class of every stream it calls.
    return ON ? CountingStream.create() : new TrialStream();
  }

  /** The keys of the run seeded with {@code seed}: keys that count when counting is on. */
  static StreamKeys keys(long seed) {
    return ON ? CountingKeys.create(seed) : new StreamKeys(seed);
  }

  /** Zeroes every count. */
  static void reset() {
    trialKeys = 0;
    reseeds = 0;
    words = 0;
    uniforms = 0;
    Arrays.fill(samples, 0);
    Arrays.fill(sampleWords, 0);
  }

  /**
   * The sampler of distribution {@code id} of {@code plan} on {@code rng} in {@code variant}
   * ({@link #ORDINARY}: {@code sampler}, {@link #LENGTH_BIASED}: {@code lengthBiasedSampler},
   * {@link #SKIP}: {@code skipSampler}), counting its calls under its family and variant when
   * counting is on. Called where samplers are built, never per draw.
   */
  static ContinuousSampler sampler(Plan plan, int id, UniformRandomProvider rng, int variant) {
    var d = plan.distributions.get(id);
    ContinuousSampler s =
        switch (variant) {
          case ORDINARY -> d.sampler(rng);
          case LENGTH_BIASED -> d.lengthBiasedSampler(rng);
          case SKIP -> d.skipSampler(rng);
          default -> throw new IllegalArgumentException("not a sampler variant: " + variant);
        };
    // The family is the name of the distribution's record (the engine does not name the package
    // of distributions: PackageDependencyTest).
    return counted(s, kind(d.getClass().getSimpleName(), variant));
  }

  /**
   * {@code sampler} itself when counting is off; else it, counting its calls under {@code kind}.
   */
  static ContinuousSampler counted(ContinuousSampler sampler, int kind) {
    return ON ? new Counted(sampler, kind) : sampler;
  }

  /** The kind of family {@code family} (a record's simple name, any case) in {@code variant}. */
  static int kind(String family, int variant) {
    String f = family.toLowerCase(Locale.ROOT);
    for (int i = 0; i < FAMILIES.length; i++) {
      if (FAMILIES[i].equals(f)) {
        return i * VARIANTS.length + variant;
      }
    }
    throw new IllegalArgumentException("family is not a distribution's: " + family);
  }

  /**
   * The name of sampler kind {@code kind}: the family, with {@code -lb} for a length-biased draw
   * and {@code -skip} for a skipped one ({@code lognormal}, {@code exponential-lb}).
   */
  static String kindName(int kind) {
    return FAMILIES[kind / VARIANTS.length] + VARIANTS[kind % VARIANTS.length];
  }

  /** A sampler that counts its calls; the numbers it draws are those of the one it wraps. */
  private static final class Counted implements ContinuousSampler {
    private final ContinuousSampler sampler;
    private final int kind;

    Counted(ContinuousSampler sampler, int kind) {
      this.sampler = sampler;
      this.kind = kind;
    }

    @Override
    public double sample() {
      samples[kind]++;
      long before = words;
      depth++;
      double x = sampler.sample();
      depth--;
      sampleWords[kind] += words - before;
      return x;
    }
  }

  /** A trial stream that counts the words it draws, inside a sampler or not. */
  static final class CountingStream extends TrialStream {
    private CountingStream() {}

    static TrialStream create() {
      return new CountingStream();
    }

    @Override
    public long nextLong() {
      words++;
      if (depth == 0) {
        uniforms++;
      }
      return super.nextLong();
    }
  }

  /** Keys that count the trial keys they compute and the reseeds they make. */
  static final class CountingKeys extends StreamKeys {
    private CountingKeys(long seed) {
      super(seed);
    }

    static StreamKeys create(long seed) {
      return new CountingKeys(seed);
    }

    @Override
    public void startTrial(long trial) {
      trialKeys++;
      super.startTrial(trial);
    }

    @Override
    public void reseed(TrialStream stream, long trial, long source, long n) {
      reseeds++;
      super.reseed(stream, trial, source, n);
    }
  }
}
