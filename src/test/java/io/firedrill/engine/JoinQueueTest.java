package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JoinQueue} against a plain list of the queued services: after every operation of a long
 * random sequence (insert, move, remove, clear, with many ties in time), the first service and the
 * due services at a random time are what a scan of every queued service gives. Deterministic (seed
 * printed in the message).
 */
class JoinQueueTest {
  @Test
  void randomOperations_matchScanOfEveryQueuedService() {
    long seed = 20261201L;
    SplittableRandom random = new SplittableRandom(seed);
    int n = 40;
    double[] key = new double[n];
    boolean[] queued = new boolean[n];
    JoinQueue queue = new JoinQueue(key);
    int[] out = new int[n];
    for (int step = 0; step < 200_000; step++) {
      int a = random.nextInt(n);
      int op = random.nextInt(100);
      if (op < 55) {
        // Times on a coarse grid, so that ties are common; now and then infinite (no manual path).
        key[a] = random.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : random.nextInt(20) * 0.5;
        queue.set(a);
        queued[a] = true;
      } else if (op < 99) {
        queue.remove(a);
        queued[a] = false;
      } else {
        queue.clear();
        Arrays.fill(queued, false);
      }
      String at = "seed " + seed + ", step " + step;
      int size = 0;
      int first = -1;
      for (int b = 0; b < n; b++) {
        if (queued[b]) {
          size++;
          if (first < 0 || key[b] < key[first]) {
            first = b;
          }
        }
      }
      assertEquals(size, queue.size(), at + ": size");
      if (size > 0) {
        assertEquals(first, queue.first(), at + ": first");
      }
      double t = random.nextInt(22) * 0.5 - 0.5;
      int[] expected = new int[n];
      int due = 0;
      for (int b = 0; b < n; b++) {
        if (queued[b] && key[b] <= t) {
          expected[due++] = b;
        }
      }
      int got = queue.due(t, out);
      assertArrayEquals(
          Arrays.copyOf(expected, due), Arrays.copyOf(out, got), at + ": due by " + t);
    }
  }
}
