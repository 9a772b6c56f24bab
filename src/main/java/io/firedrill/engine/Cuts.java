package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which services' served fractions may change at an instant of the sweep: those with a site in
 * their footprint whose capacity changes there (blocked, unblocked, a ramp starts or ends), and
 * those whose standby, or the standby of a service in their requires closure, joins there. Only
 * these services end one window of integration and begin the next at the instant ({@link
 * Integration}); for every other service the instant does not exist. So a service's results are
 * computed from the events of its own footprint alone, and a change to another site (its hazards,
 * their parameters) leaves them bit-identical (common random numbers, docs/simulation.md).
 */
final class Cuts {
  private final Plan p;

  /** By service: whether it is cut at the current instant. */
  final boolean[] cut;

  /** The services cut at the current instant, in no particular order: {@code list[0 .. size)}. */
  final int[] list;

  private int size;

  /** By site: the services whose footprint holds it. */
  private final int[][] servicesAt;

  /** By site: whether every service depends on it (an event there cuts them all). */
  private final boolean[] cutsAll;

  /** Whether the current instant cuts every service, with {@link #list} = 0, 1, ..., n − 1. */
  private boolean everyone;

  /** By service b: b and every service whose requires closure holds b. */
  private final int[][] requiredBy;

  /** Scratch: the services whose standby joins at the current instant. */
  private final int[] due;

  /** The set {@link #recompute} returns, by service number in 64-bit words. */
  private final long[] recompute;

  Cuts(Plan plan) {
    this.p = plan;
    int ns = plan.services;
    cut = new boolean[ns];
    list = new int[ns];
    due = new int[ns];
    recompute = new long[(ns + 63) >>> 6];
    List<List<Integer>> at = new ArrayList<>();
    for (int s = 0; s < plan.units; s++) {
      at.add(new ArrayList<>());
    }
    List<List<Integer>> by = new ArrayList<>();
    for (int b = 0; b < ns; b++) {
      by.add(new ArrayList<>(List.of(b)));
    }
    for (int a = 0; a < ns; a++) {
      for (int s : plan.footprint[a]) {
        at.get(s).add(a);
      }
      for (int b : plan.requiresClosure[a]) {
        by.get(b).add(a);
      }
    }
    servicesAt = arrays(at);
    requiredBy = arrays(by);
    cutsAll = new boolean[plan.units];
    for (int s = 0; s < plan.units; s++) {
      cutsAll[s] = servicesAt[s].length == ns;
    }
  }

  private static int[][] arrays(List<List<Integer>> lists) {
    return lists.stream()
        .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  /** Every service is cut (t = 0, and the horizon). */
  void all() {
    if (!everyone) {
      Arrays.fill(cut, true);
      for (int a = 0; a < list.length; a++) {
        list[a] = a;
      }
      size = list.length;
      everyone = true;
    }
  }

  /** How many services are cut at the current instant: the length of {@link #list}. */
  int size() {
    return size;
  }

  /**
   * Marks the services cut at instant t, before its events are applied: the events of {@code
   * events} due by t, and the joins of {@code state} due by t.
   */
  void mark(double t, EventQueue events, CapacityState state) {
    for (int i = 0, s; (s = events.dueSite(i, t)) >= 0; i++) {
      if (cutsAll[s]) {
        // An event at a site every service depends on: the common case of a model with one main
        // site, where building the set service by service would cost a pass for nothing.
        all();
        return;
      }
    }
    if (everyone) {
      Arrays.fill(cut, false);
      everyone = false;
    } else {
      for (int i = 0; i < size; i++) {
        cut[list[i]] = false;
      }
    }
    size = 0;
    for (int i = 0, s; (s = events.dueSite(i, t)) >= 0; i++) {
      for (int a : servicesAt[s]) {
        set(a);
      }
    }
    for (int i = 0, n = state.dueJoins(t, due); i < n; i++) {
      for (int a : requiredBy[due[i]]) {
        set(a);
      }
    }
  }

  /** Whether every service is cut at the current instant. */
  boolean everyone() {
    return everyone;
  }

  /**
   * The services the current instant must recompute, after its site capacities ({@link
   * CapacityState#siteCapacities}): those cut, and those with a unit in their footprint whose
   * capacity factor moves (a ramp under way), whose capacities change with time although no event
   * cut them. A set of service numbers in 64-bit words, valid until the next call.
   */
  long[] recompute(CapacityState state) {
    Arrays.fill(recompute, 0);
    for (int i = 0; i < size; i++) {
      int a = list[i];
      recompute[a >>> 6] |= 1L << a;
    }
    for (int i = 0, n = state.movingCount(); i < n; i++) {
      for (int a : servicesAt[state.movingUnit(i)]) {
        recompute[a >>> 6] |= 1L << a;
      }
    }
    return recompute;
  }

  /** Cuts service b and every service whose requires closure holds b. */
  void addRequiredBy(int b) {
    if (everyone) {
      return;
    }
    for (int a : requiredBy[b]) {
      set(a);
    }
  }

  private void set(int a) {
    if (!cut[a]) {
      cut[a] = true;
      list[size++] = a;
    }
  }
}
