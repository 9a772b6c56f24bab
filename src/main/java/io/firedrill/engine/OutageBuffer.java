package io.firedrill.engine;

import java.util.Arrays;

/**
 * The outages one sweep reports, kept until it is known whether the sweep counts: a trial whose
 * repairs need services is swept in rounds ({@link RepairDecisions}), and only the last round's
 * outages go to the run's log ({@link #replay}). Columns of primitive arrays that grow only when a
 * sweep reports more outages than any before; nothing allocates per outage.
 */
final class OutageBuffer implements Kernel.OutageLog {
  private long[] trial = new long[16];
  private int[] service = new int[16];
  private int[] cause = new int[16];
  private double[] start = new double[16];
  private double[] end = new double[16];
  private double[] userHours = new double[16];
  private int size;

  @Override
  public void outage(long t, int a, int c, double s, double e, double u) {
    if (size == trial.length) {
      int n = 2 * size;
      trial = Arrays.copyOf(trial, n);
      service = Arrays.copyOf(service, n);
      cause = Arrays.copyOf(cause, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      userHours = Arrays.copyOf(userHours, n);
    }
    trial[size] = t;
    service[size] = a;
    cause[size] = c;
    start[size] = s;
    end[size] = e;
    userHours[size] = u;
    size++;
  }

  /** Forgets every outage kept. */
  void clear() {
    size = 0;
  }

  /**
   * Reports every outage kept to {@code log}, in the order they were reported, and forgets them.
   */
  void replay(Kernel.OutageLog log) {
    for (int i = 0; i < size; i++) {
      log.outage(trial[i], service[i], cause[i], start[i], end[i], userHours[i]);
    }
    size = 0;
  }
}
