package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Gauss–Legendre rules: with n nodes, exact for every monomial up to degree 2n − 1 on [-1, 1] (∫
 * x^k = 2 / (k + 1) for even k, 0 for odd k), and not beyond. The tolerance, 1e-14 relative, is
 * rounding in sums of at most 32 terms.
 */
class GaussLegendreTest {
  private static double rule(int n, int k) {
    double[] x = GaussLegendre.nodes(n);
    double[] w = GaussLegendre.weights(n);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += w[i] * Math.pow(x[i], k);
    }
    return sum;
  }

  @Test
  void everyRule_isExactUpToDegreeTwoNMinusOne() {
    for (int n = 1; n <= GaussLegendre.MAX_NODES; n++) {
      for (int k = 0; k <= 2 * n - 1; k++) {
        double exact = k % 2 == 0 ? 2.0 / (k + 1) : 0;
        assertEquals(exact, rule(n, k), 1e-14, "nodes " + n + ", x^" + k);
      }
    }
  }

  @Test
  void twoNodes_degreeFour_isNotExact() {
    // Nodes ±1/√3, weights 1: 2/9 against 2/5.
    assertEquals(2.0 / 9, rule(2, 4), 1e-15);
  }
}
