package io.firedrill.engine;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The random stream of one trial: xoroshiro128++ (Blackman and Vigna, 2019) that can be reseeded in
 * place.
 *
 * <p>Why not a Commons RNG provider: those cannot be reseeded, and a new one per trial would
 * allocate in the kernel. This class implements Commons RNG's {@link UniformRandomProvider}, so the
 * Commons samplers are built on it once per worker and follow every reseed. Each source of a trial
 * (a hazard, a failover) starts it over at 128 bits of seed computed from (run seed, trial, source,
 * draw number) by {@link StreamKeys}; starting every source at a fixed point is what keeps common
 * random numbers aligned across the points of a sweep even when a change of parameter changes how
 * many numbers a source draws.
 *
 * <p>Sealed rather than final only for the counting run of the random-number floor ({@link
 * DrawCounts}), whose subclass counts the words drawn; it is loaded only in that run, so in any
 * other the JIT sees no subclass and compiles every call as it would for a final class.
 */
public sealed class TrialStream implements UniformRandomProvider permits DrawCounts.CountingStream {
  private long s0;
  private long s1;

  /** A stream seeded with zeros; call {@link #reseed} before use. */
  public TrialStream() {
    reseed(0, 0);
  }

  /** Starts the stream over from the 128-bit seed (a, b); the all-zero state is avoided. */
  public void reseed(long a, long b) {
    if ((a | b) == 0) {
      a = 0x9E3779B97F4A7C15L;
    }
    s0 = a;
    s1 = b;
  }

  @Override
  public long nextLong() {
    final long a = s0;
    long b = s1;
    final long result = Long.rotateLeft(a + b, 17) + a;
    b ^= a;
    s0 = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
    s1 = Long.rotateLeft(b, 28);
    return result;
  }
}
