package io.firedrill.engine;

/**
 * Gauss–Legendre nodes and weights on [-1, 1] for 1 to {@value #MAX_NODES} nodes, computed once by
 * Newton's method on the Legendre polynomials. With n nodes the rule is exact for polynomials of
 * degree up to 2n − 1, which is what makes the kernel's ramp integrals exact.
 */
final class GaussLegendre {
  /** Most nodes used: exact up to degree 63. */
  static final int MAX_NODES = 32;

  private static final double[][] NODES = new double[MAX_NODES + 1][];
  private static final double[][] WEIGHTS = new double[MAX_NODES + 1][];

  static {
    for (int n = 1; n <= MAX_NODES; n++) {
      double[] x = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        // Chebyshev-like starting guess, then Newton on P_n.
        double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
        double dp = 0;
        for (int iter = 0; iter < 100; iter++) {
          double p0 = 1;
          double p1 = 0;
          for (int k = 1; k <= n; k++) {
            double p2 = p1;
            p1 = p0;
            p0 = ((2 * k - 1) * z * p1 - (k - 1) * p2) / k;
          }
          dp = n * (z * p0 - p1) / (z * z - 1);
          double dz = p0 / dp;
          z -= dz;
          if (Math.abs(dz) < 1e-16) {
            break;
          }
        }
        x[i] = z;
        w[i] = 2 / ((1 - z * z) * dp * dp);
      }
      NODES[n] = x;
      WEIGHTS[n] = w;
    }
  }

  private GaussLegendre() {}

  static double[] nodes(int n) {
    return NODES[n];
  }

  static double[] weights(int n) {
    return WEIGHTS[n];
  }
}
