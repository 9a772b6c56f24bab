package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * The seeds of a run's random substreams, computed directly from (run seed, trial, source, draw
 * number). Each trial's 128-bit key is words 0 and 1 of the counter-based generator Philox4x64-10
 * (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011; the same
 * function as Commons RNG 1.7's {@code Philox4x64}) at the counter (trial, 0, 0, 0) under the key
 * (seed, {@link #DOMAIN}): any trial, and so any block, is reached in O(1), on any machine, in any
 * order. Within the trial, the substream of (source, n) seeds a {@link TrialStream}
 * (xoroshiro128++) with the trial key mixed with x = source + n × golden ratio by the SplitMix64
 * finalizer, a bijection: distinct substreams of a trial start from distinct states. One Philox
 * evaluation per trial, not per substream, keeps the kernel's speed (one per substream measured
 * 0.65–0.72 ×).
 *
 * <p>A source is anything that draws: a hazard ({@code fire@pangyo}), a service's failover
 * decisions ({@code failover@talk}). Its id is {@link Plan#sourceId} of that name, computed once
 * when the plan is compiled, so it does not depend on the order of declaration: changing one
 * hazard's parameters leaves every other source's draws, and so every result that does not depend
 * on that hazard, bit-identical (common random numbers across the points of a sweep).
 *
 * <p>Sealed rather than final only for the counting run of the random-number floor ({@link
 * DrawCounts}), whose subclass counts trial keys and reseeds; it is loaded only in that run, so in
 * any other the JIT sees no subclass and compiles every call as it would for a final class.
 */
public sealed class StreamKeys permits DrawCounts.CountingKeys {
  private static final long M0 = 0xD2E7470EE14C6C93L;
  private static final long M1 = 0xCA5A826395121157L;
  private static final long W0 = 0x9E3779B97F4A7C15L;
  private static final long W1 = 0xBB67AE8584CAA73BL;

  /** Second key word: a fixed domain tag, so that firedrill's keys are not Philox's zero key. */
  static final long DOMAIN = 0x6669726564726C6CL; // "firedrll"

  private final long key0;

  /** The trial whose key is cached in trialKey0/1 (Long.MIN_VALUE: none yet). */
  private long keyedTrial = Long.MIN_VALUE;

  private long trialKey0;
  private long trialKey1;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** Keys for the run seeded with {@code seed} (any long). */
  public StreamKeys(long seed) {
    this.key0 = seed;
  }

  /**
   * Reseeds {@code stream} to the substream of draw {@code n} of source {@code source} in trial
   * {@code trial} (trial numbers count from 0 over the whole run; n counts from 0 within the
   * trial). Allocates nothing.
   */
  public void reseed(TrialStream stream, long trial, long source, long n) {
    if (trial != keyedTrial) {
      startTrial(trial);
    }
    // Within a trial, a substream is the trial's 128-bit key mixed with (source, n): x is distinct
    // for every source of a model (64-bit ids, checked distinct at compile time) and draw number,
    // and the SplitMix64 finalizer is a bijection, so distinct substreams start from distinct
    // states. One Philox evaluation per trial instead of one per substream.
    long x = source + n * GOLDEN;
    stream.reseed(mix64(trialKey0 + x), mix64(trialKey1 ^ x));
  }

  /**
   * Computes trial {@code trial}'s key: words 0 and 1 of Philox4x64-10 under (seed, DOMAIN) at
   * (trial, 0, 0, 0). The kernel calls it once at the start of each trial; {@link #reseed} computes
   * it itself if another trial's key is cached. The rounds of {@link #philox}, written out over
   * locals and without the last round's unused words: through the arrays of {@link #philox} this
   * cost 4 % of a Kakao trial against 2.5 % (async-profiler); StreamKeysTest checks both against
   * each other and against the published vectors.
   */
  public void startTrial(long trial) {
    long c0 = trial;
    long c1 = 0;
    long c2 = 0;
    long c3 = 0;
    long k0 = key0;
    long k1 = DOMAIN;
    for (int round = 0; round < 9; round++) {
      long lo0 = M0 * c0;
      long hi0 = high(M0, c0);
      long lo1 = M1 * c2;
      long hi1 = high(M1, c2);
      c0 = hi1 ^ c1 ^ k0;
      c1 = lo1;
      c2 = hi0 ^ c3 ^ k1;
      c3 = lo0;
      k0 += W0;
      k1 += W1;
    }
    trialKey0 = high(M1, c2) ^ c1 ^ k0;
    trialKey1 = M1 * c2;
    keyedTrial = trial;
  }

  /** SplitMix64's finalizer (Steele, Lea and Flood 2014; Stafford's variant 13): a bijection. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Philox4x64-10 of {@code counter} under {@code key}, written to {@code out} (4 words, counter
   * and output least significant word first): the reference the golden-vector tests pin.
   */
  static void philox(long key0, long key1, long[] counter, long[] out) {
    long c0 = counter[0];
    long c1 = counter[1];
    long c2 = counter[2];
    long c3 = counter[3];
    long k0 = key0;
    long k1 = key1;
    for (int round = 0; round < 10; round++) {
      long lo0 = M0 * c0;
      long hi0 = high(M0, c0);
      long lo1 = M1 * c2;
      long hi1 = high(M1, c2);
      c0 = hi1 ^ c1 ^ k0;
      c1 = lo1;
      c2 = hi0 ^ c3 ^ k1;
      c3 = lo0;
      k0 += W0;
      k1 += W1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
  }

  /** The high 64 bits of the unsigned 128-bit product a × b (Java 17 has only the signed one). */
  private static long high(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }
}
