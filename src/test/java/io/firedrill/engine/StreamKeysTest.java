package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.firedrill.plan.Plan;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors of the run's random streams: Philox4x64-10 against the Random123 known-answer
 * tests (kat_vectors, philox4x64_10) and against Commons RNG 1.7's own {@link Philox4x64}; the
 * source ids of a few names; the first outputs of a reseeded {@link TrialStream}. A change to any
 * of these changes every published number, which is why they are pinned.
 */
class StreamKeysTest {
  private static final long ONES = 0xFFFFFFFFFFFFFFFFL;

  private static long[] philox(long k0, long k1, long... counter) {
    long[] out = new long[4];
    StreamKeys.philox(k0, k1, counter, out);
    return out;
  }

  @Test
  void philox_random123KnownAnswer_allOnes() {
    assertArrayEquals(
        new long[] {
          0x87b092c3013fe90bL, 0x438c3c67be8d0224L, 0x9cc7d7c69cd777b6L, 0xa09caebf594f0ba0L
        },
        philox(ONES, ONES, ONES, ONES, ONES, ONES));
  }

  @Test
  void philox_random123KnownAnswer_digitsOfPi() {
    assertArrayEquals(
        new long[] {
          0xa528f45403e61d95L, 0x38c72dbd566e9788L, 0xa5a1610e72fd18b5L, 0x57bd43b5e52b7fe6L
        },
        philox(
            0x452821e638d01377L,
            0xbe5466cf34e90c6cL,
            0x243f6a8885a308d3L,
            0x13198a2e03707344L,
            0xa4093822299f31d0L,
            0x082efa98ec4e6c89L));
  }

  @Test
  void philox_equalsCommonsRngPhilox4x64_onRandomKeysAndCounters() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
    for (int i = 0; i < 1000; i++) {
      long k0 = rng.nextLong();
      long k1 = rng.nextLong();
      long[] c = {rng.nextLong(), rng.nextLong(), rng.nextLong(), rng.nextLong()};
      if (i == 0) {
        c = new long[] {0, 0, 0, 0}; // the borrow reaches the top word
      }
      // Commons RNG increments its counter before the first block: start it one below.
      long[] below = c.clone();
      for (int w = 0; w < 4 && below[w]-- == 0; w++) {
        // borrow into the next word
      }
      Philox4x64 commons =
          new Philox4x64(new long[] {k0, k1, below[0], below[1], below[2], below[3]});
      long[] expected = {
        commons.nextLong(), commons.nextLong(), commons.nextLong(), commons.nextLong()
      };
      assertArrayEquals(expected, philox(k0, k1, c), "key " + k0 + ", " + k1 + " at case " + i);
    }
  }

  @Test
  void reseed_mixesTheTrialsPhiloxKeyWithSourceAndDrawNumber() {
    // The definition (docs/simulation.md): the trial key is words 0 and 1 of Philox4x64-10 under
    // (seed, DOMAIN) at (trial, 0, 0, 0); substream (source, n) starts xoroshiro128++ at
    // (mix(k0 + x), mix(k1 ^ x)) with x = source + n * golden ratio. Trials are visited out of
    // order to check the cached trial key.
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
    TrialStream keyed = new TrialStream();
    TrialStream direct = new TrialStream();
    long seed = rng.nextLong();
    StreamKeys keys = new StreamKeys(seed);
    for (int i = 0; i < 300; i++) {
      long trial = rng.nextInt(5);
      long source = rng.nextLong();
      long n = rng.nextInt(1000);
      keys.reseed(keyed, trial, source, n);
      long[] out = philox(seed, StreamKeys.DOMAIN, trial, 0, 0, 0);
      long x = source + n * 0x9E3779B97F4A7C15L;
      direct.reseed(splitMix64Finalizer(out[0] + x), splitMix64Finalizer(out[1] ^ x));
      for (int k = 0; k < 4; k++) {
        assertEquals(direct.nextLong(), keyed.nextLong(), "case " + i + ", output " + k);
      }
    }
  }

  /** SplitMix64's finalizer (Steele, Lea and Flood 2014), written out apart from the code. */
  private static long splitMix64Finalizer(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Test
  void sourceId_isFnv1aThenTheMurmur3Finalizer() {
    // FNV-1a 64 of "" and "a" (the reference test vectors of Fowler, Noll and Vo).
    assertEquals(fmix64(0xcbf29ce484222325L), Plan.sourceId(""));
    assertEquals(fmix64(0xaf63dc4c8601ec8cL), Plan.sourceId("a"));
    assertEquals(fmix64(0x85944171f73967e8L), Plan.sourceId("foobar"));
  }

  @Test
  void sourceId_pinnedForAFewNames() {
    // Regression pins: the function is checked against its definition above; these keep its
    // values, which name every substream of every published run.
    assertEquals(0xc9b78b0b7d7dd85aL, Plan.sourceId("grid@kepco"));
    assertEquals(0xa3b5eaecf0f9a43dL, Plan.sourceId("fire@pangyo"));
    assertEquals(0x5464c4ad136fba0dL, Plan.sourceId("failover@talk"));
    assertNotEquals(Plan.sourceId("fire@a"), Plan.sourceId("fire@b"));
  }

  @Test
  void trialStream_firstOutputsPinned() {
    // Regression pins of (seed 42, trial 0, fire@pangyo, draw 0): Philox and xoroshiro128++ are
    // each checked against references above; these keep their composition.
    TrialStream s = new TrialStream();
    new StreamKeys(42).reseed(s, 0, Plan.sourceId("fire@pangyo"), 0);
    assertArrayEquals(
        new long[] {0x22e4c7ff20e1f840L, 0x1f33a76d51e375d1L, 0xb8552ff14a743d6dL},
        new long[] {s.nextLong(), s.nextLong(), s.nextLong()});
  }

  /** The MurmurHash3 64-bit finalizer (Appleby), written out independently of the code tested. */
  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
