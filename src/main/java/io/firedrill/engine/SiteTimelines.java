package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * The timelines of one trial, as interval lists: per network its down intervals, per site its power
 * losses, its <i>blocked</i> intervals (everything that zeroes it, each tagged with the cause that
 * began it) and its restore ramps (kept apart: capacity rises along them).
 *
 * <p>The hazard samplers write into them; {@link #unreachable} and {@link #finishBlocked} combine
 * them without drawing anything; the event queue reads {@link #blocked} and {@link #ramps}. All
 * buffers are reused from trial to trial.
 */
final class SiteTimelines {
  private final Plan p;

  /** Down intervals by network. */
  final IntervalBuffer[] netDown;

  /**
   * Outages by grid, kept only for a grid that feeds a site with several feeds ({@link
   * Plan#feedsSeveral}); a site with one feed takes each outage as it is drawn.
   */
  final IntervalBuffer[] gridDown;

  /**
   * Power losses by unit ({@link Plan#units}: a site, or a zone), before restarts: grid outages
   * past the UPS and generator, faults; a zone holds only its own (its faults and cooling, a
   * single-corded zone's losses of utility), the site's go to the site's unit.
   */
  final IntervalBuffer[] power;

  /**
   * Intervals in which a unit has no capacity, by unit; a site with zones has none once {@link
   * #spread} has given its own to its zones.
   */
  final IntervalBuffer[] blocked;

  /**
   * Utility cuts by site, from effects ({@link Cascades}), kept only for the sites of {@link
   * Plan#utilitySites}.
   */
  final IntervalBuffer[] cuts;

  /** Restore ramps by unit: capacity from {@code from} to {@code to}, linear in between. */
  final IntervalBuffer[] ramps;

  /**
   * Repairs of damaged hardware by unit ({@link Damages}), in the order drawn: each interval with
   * the damaged share in {@code from} (and {@code to}); folded into the unit's ramps by {@link
   * #foldDamage}.
   */
  final IntervalBuffer[] damage;

  /**
   * Hardware destroyed, by unit ({@link Damages}): each interval starts where the destroying outage
   * ended (and runs to the horizon); for the data it held ({@link DataLoss}).
   */
  final IntervalBuffer[] destroyed;

  /** The units some hazard or effect may damage ({@link Plan#damageUnit}), in unit order. */
  final int[] damageUnits;

  /**
   * Network effects by site ({@link Cascades}): intervals in which the site is cut off; {@link
   * #unreachable} adds them to its blocked intervals with the times all its networks are down.
   */
  final IntervalBuffer[] cutOff;

  /** The sites some network effect strikes (their {@link #cutOff} is cleared per trial). */
  private final int[] cutOffSites;

  /**
   * The times the site last given to {@link #unreachable} was cut off (all its networks down, or a
   * network effect), merged, for a site with a {@code reconnect} ({@link Reconnects}); not the
   * reconvergence blips, which move traffic rather than lose it.
   */
  final IntervalBuffer cutOffNow = new IntervalBuffer();

  /**
   * The units that hold timelines once they are combined, in the model's order ({@link
   * Plan#unitOrder}).
   */
  final int[] order;

  private final IntervalBuffer scratchA = new IntervalBuffer();
  private final IntervalBuffer scratchB = new IntervalBuffer();

  /** Scratch of {@link #spread}: the boundaries of two ramp timelines, merged in order. */
  private double[] bounds = new double[16];

  /** The count sweep of {@link #feedsOut}. */
  private final Overlaps overlaps = new Overlaps();

  /** Scratch of {@link #foldDamage}: a unit's repairs in order of start, and of end. */
  private int[] byStart = new int[8];

  private int[] byEnd = new int[8];

  SiteTimelines(Plan plan) {
    p = plan;
    netDown = buffers(plan.networks);
    gridDown = buffers(plan.grids);
    power = buffers(plan.units);
    blocked = buffers(plan.units);
    ramps = buffers(plan.units);
    damage = buffers(plan.units);
    destroyed = buffers(plan.units);
    boolean[] damaged = new boolean[plan.units];
    for (int u : plan.damageUnit) {
      damaged[u] = true;
      // A site's damage goes to each of its zones too (Hazards): their buffers are cleared alike.
      if (u < plan.sites) {
        for (int z : plan.siteZones[u]) {
          damaged[z] = true;
        }
      }
    }
    damageUnits = java.util.stream.IntStream.range(0, plan.units).filter(u -> damaged[u]).toArray();
    order = plan.unitOrder;
    cuts = buffers(plan.sites);
    cutOff = buffers(plan.sites);
    cutOffSites =
        java.util.stream.IntStream.range(0, plan.effectSite.length)
            .filter(
                e ->
                    switch (plan.effectKind[e]) {
                      case NETWORK -> true;
                      case POWER, DARK, COOLING -> false;
                    })
            .map(e -> plan.effectSite[e])
            .distinct()
            .toArray();
  }

  private static IntervalBuffer[] buffers(int n) {
    IntervalBuffer[] b = new IntervalBuffer[n];
    for (int i = 0; i < n; i++) {
      b[i] = new IntervalBuffer();
    }
    return b;
  }

  /** Empties every timeline for a new trial. */
  void clear() {
    for (int u = 0; u < p.units; u++) {
      power[u].clear();
      blocked[u].clear();
      ramps[u].clear();
    }
    for (int u : damageUnits) {
      damage[u].clear();
      destroyed[u].clear();
    }
    for (int x : cutOffSites) {
      cutOff[x].clear();
    }
    for (int n = 0; n < p.networks; n++) {
      netDown[n].clear();
    }
    for (int g : p.severalFeedGrids) {
      gridDown[g].clear();
    }
    for (int s : p.utilitySites) {
      cuts[s].clear();
    }
  }

  /**
   * The times site s, which has n ≥ 2 feeds, has no utility: while at least m = n − {@code
   * feeds_needed} + 1 of its feeds are out (m = n, every feed, by default). Each interval is caused
   * by the feed whose outage brought the count of feeds out to m (the one that completed the loss,
   * as for networks). Of feeds whose outages begin at that same instant, the one ranked first as in
   * merged intervals ({@link IntervalBuffer#mergeOverlaps}): a scenario's forced event, then the
   * longest, then the lowest cause id; and a feed forced out at t = 0 takes a loss already in
   * progress then (parts in progress at 0 count as beginning at 0). Grid timelines must be complete
   * (each sorted and disjoint). O(E log E) for E outages of the feeds: their starts sorted, then a
   * heap of the ends of those in progress. The result is valid until the next call of this method
   * or {@link #unreachable}.
   */
  IntervalBuffer feedsOut(int s) {
    final int[] feeds = p.siteFeeds[s];
    final int m = feeds.length - p.feedsNeeded[s] + 1;
    IntervalBuffer all = scratchB;
    all.clear();
    for (int f : feeds) {
      all.addAll(gridDown[f]);
    }
    all.sortByStart();
    IntervalBuffer out = scratchA;
    overlaps.atLeast(all, m, out);
    return out;
  }

  /**
   * The times site s (one of {@link Plan#utilitySites}) has no utility: the times enough of its
   * feeds are out ({@link #feedsOut}), with its cuts ({@link #cuts}) added; overlapping or touching
   * intervals merged, each keeping the cause that began it. Valid until the next call of this
   * method, {@link #feedsOut} or {@link #unreachable}.
   */
  IntervalBuffer utilityOut(int s) {
    IntervalBuffer out;
    if (p.siteFeeds[s].length == 0) {
      out = scratchA;
      out.clear();
    } else {
      out = feedsOut(s);
    }
    if (cuts[s].size > 0) {
      out.addAll(cuts[s]);
      out.sortByStart();
      out.mergeOverlaps();
    }
    return out;
  }

  /**
   * The intersection of the timelines {@code of[k]} for k in {@code which} (two or more), in one of
   * the scratch buffers.
   */
  private IntervalBuffer allDown(int[] which, IntervalBuffer[] of) {
    IntervalBuffer all = scratchA;
    IntervalBuffer next = scratchB;
    all.clear();
    all.addAll(of[which[0]]);
    for (int k = 1; k < which.length; k++) {
      IntervalBuffer.intersect(all, of[which[k]], next);
      IntervalBuffer t = all;
      all = next;
      next = t;
    }
    return all;
  }

  /**
   * Adds to site s's blocked intervals the times it is unreachable: all its networks down, plus the
   * reconvergence blip of {@code min(reconverge, outage)} when a network carrying traffic fails
   * while another is up. With shared networks every network that is up carries traffic; with a
   * primary, only the first one up in list order does. Network timelines must be complete.
   */
  void unreachable(int s) {
    int[] nets = p.siteNetworks[s];
    if (p.reconnect[s] != Plan.NONE) {
      // The times it is cut off, kept for its reconnect ramps (cutOffNow), then the blips.
      cutOffNow.clear();
      cutOffNow.addAll(cutOff[s]);
      addDown(nets, cutOffNow);
      cutOffNow.sortByStart();
      cutOffNow.mergeOverlaps();
      blocked[s].addAll(cutOffNow);
    } else {
      blocked[s].addAll(cutOff[s]);
      addDown(nets, blocked[s]);
    }
    if (nets.length > 1 && p.reconvergeHours[s] > 0) {
      reconvergence(s, nets);
    }
  }

  /** Adds to {@code out} the times all of {@code nets} (a site's networks) are down. */
  private void addDown(int[] nets, IntervalBuffer out) {
    if (nets.length == 1) {
      out.addAll(netDown[nets[0]]);
    } else if (nets.length > 1) {
      out.addAll(allDown(nets, netDown));
    }
  }

  /**
   * Adds to site s's blocked intervals the reconvergence blips of its networks {@code nets} (two or
   * more): {@code min(reconverge, outage)} when a network carrying traffic fails while another is
   * up; with shared networks every network that is up carries traffic, with a primary only the
   * first one up in list order does.
   */
  private void reconvergence(int s, int[] nets) {
    double rc = p.reconvergeHours[s];
    boolean primary = p.primaryNetwork[s];
    for (int k = 0; k < nets.length; k++) {
      IntervalBuffer d = netDown[nets[k]];
      for (int i = 0; i < d.size; i++) {
        double a = d.start[i];
        boolean otherUp = false;
        boolean carrying = true;
        for (int j = 0; j < nets.length; j++) {
          if (j != k && !netDown[nets[j]].contains(a)) {
            otherUp = true;
            // With a primary, a network before this one that is up carries the traffic.
            carrying &= !(primary && j < k);
          }
        }
        if (otherUp && carrying) {
          blocked[s].add(a, a + Math.min(rc, d.end[i] - a), d.cause[i]);
        }
      }
    }
  }

  /**
   * Gives site s's own blocked intervals and ramps (its fires, its loss of networks) to each of its
   * zones, and finishes each zone's blocked intervals ({@link #finishBlocked}); the site keeps
   * none. A zone whose own fire's restore overlaps the site's follows the lower of the two ({@link
   * #lower}). Site s must have zones, and its zones' restarts must be done.
   */
  void spread(int s) {
    IntervalBuffer b = blocked[s];
    IntervalBuffer r = ramps[s];
    for (int u : p.siteZones[s]) {
      blocked[u].addAll(b);
      if (r.size > 0) {
        if (ramps[u].size == 0) {
          ramps[u].addAllRamps(r);
        } else {
          lower(r, ramps[u], scratchA);
          ramps[u].clear();
          ramps[u].addAllRamps(scratchA);
        }
      }
      finishBlocked(u);
    }
    b.clear();
    r.clear();
  }

  /**
   * The lower of two ramp timelines, into out: each sorted and disjoint, capacity 1 outside its
   * ramps. Between consecutive boundaries of either both capacities are linear; where both ramps
   * are under way the lower is kept, split where they cross (x = x0 + (x1 − x0) d0 / (d0 − d1), d
   * the difference at the ends), each piece caused by the ramp it follows. Pieces at full capacity
   * throughout are left out. O(n + m).
   */
  void lower(IntervalBuffer a, IntervalBuffer b, IntervalBuffer out) {
    out.clear();
    int n = 2 * (a.size + b.size);
    if (bounds.length < n) {
      bounds = new double[Math.max(n, 2 * bounds.length)];
    }
    // Each timeline's boundaries are in order (start, end, start, end...): merge the two.
    int i = 0;
    int j = 0;
    int k = 0;
    int na = 2 * a.size;
    int nb = 2 * b.size;
    while (i < na || j < nb) {
      double x = i < na ? (i % 2 == 0 ? a.start[i / 2] : a.end[i / 2]) : Double.POSITIVE_INFINITY;
      double y = j < nb ? (j % 2 == 0 ? b.start[j / 2] : b.end[j / 2]) : Double.POSITIVE_INFINITY;
      if (x <= y) {
        bounds[k++] = x;
        i++;
      } else {
        bounds[k++] = y;
        j++;
      }
    }
    int ia = 0;
    int ib = 0;
    for (int q = 0; q + 1 < k; q++) {
      double x0 = bounds[q];
      double x1 = bounds[q + 1];
      if (!(x1 > x0)) {
        continue;
      }
      while (ia < a.size && a.end[ia] <= x0) {
        ia++;
      }
      while (ib < b.size && b.end[ib] <= x0) {
        ib++;
      }
      boolean inA = ia < a.size && a.start[ia] <= x0;
      boolean inB = ib < b.size && b.start[ib] <= x0;
      if (!inA && !inB) {
        continue;
      }
      double a0 = inA ? rampAt(a, ia, x0) : 1;
      double a1 = inA ? rampAt(a, ia, x1) : 1;
      double b0 = inB ? rampAt(b, ib, x0) : 1;
      double b1 = inB ? rampAt(b, ib, x1) : 1;
      double d0 = a0 - b0;
      double d1 = a1 - b1;
      int ca = inA ? a.cause[ia] : 0;
      int cb = inB ? b.cause[ib] : 0;
      if ((d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0)) {
        double xc = x0 + (x1 - x0) * (d0 / (d0 - d1));
        double vc = d0 < 0 ? rampAt(a, ia, xc) : rampAt(b, ib, xc);
        addLower(out, x0, xc, d0 < 0 ? ca : cb, d0 < 0 ? a0 : b0, vc);
        addLower(out, xc, x1, d0 < 0 ? cb : ca, vc, d0 < 0 ? b1 : a1);
      } else if (d0 + d1 <= 0) {
        addLower(out, x0, x1, inA ? ca : cb, a0, a1);
      } else {
        addLower(out, x0, x1, cb, b0, b1);
      }
    }
  }

  private static void addLower(
      IntervalBuffer out, double x0, double x1, int c, double v0, double v1) {
    if (x1 > x0 && !(v0 == 1 && v1 == 1)) {
      out.addRamp(x0, x1, c, v0, v1);
    }
  }

  /** Ramp k of r at time x, within it: linear from its {@code from} to its {@code to}. */
  private static double rampAt(IntervalBuffer r, int k, double x) {
    if (x >= r.end[k]) {
      return r.to[k];
    }
    return r.from[k] + (r.to[k] - r.from[k]) * ((x - r.start[k]) / (r.end[k] - r.start[k]));
  }

  /**
   * Folds unit u's repairs of damaged hardware ({@link #damage}) into its ramps: at each instant
   * the unit's capacity is at most 1 − Σ share over the repairs under way (at least 0: shares of
   * overlapping damage add up), and where a restore ramp is under way too, the lower of the two
   * ({@link #lower}). Each constant piece is caused by the repair that began the stretch of
   * overlapping repairs it lies in. O(n log n) for n repairs; allocates nothing once the scratch
   * arrays have grown.
   */
  void foldDamage(int u) {
    IntervalBuffer d = damage[u];
    final int n = d.size;
    if (n == 0) {
      return;
    }
    if (byStart.length < n) {
      byStart = new int[Math.max(n, 2 * byStart.length)];
      byEnd = new int[byStart.length];
    }
    for (int i = 0; i < n; i++) {
      byStart[i] = i;
      byEnd[i] = i;
    }
    heapsort(byStart, n, d.start);
    heapsort(byEnd, n, d.end);
    IntervalBuffer pieces = scratchB;
    pieces.clear();
    int i = 0;
    int j = 0;
    int active = 0;
    double sum = 0;
    double prev = 0;
    int stretchCause = 0;
    while (j < n) {
      // Ends before starts at the same instant: a repair that ends as another begins.
      boolean isStart = i < n && d.start[byStart[i]] < d.end[byEnd[j]];
      double x = isStart ? d.start[byStart[i]] : d.end[byEnd[j]];
      if (active > 0 && x > prev) {
        double level = Math.max(0, 1 - sum);
        int last = pieces.size - 1;
        if (last >= 0
            && pieces.end[last] == prev
            && pieces.from[last] == level
            && pieces.cause[last] == stretchCause) {
          pieces.end[last] = x; // the same level, caused alike: one piece
        } else if (level < 1) {
          pieces.addRamp(prev, x, stretchCause, level, level);
        }
      }
      if (isStart) {
        int k = byStart[i++];
        if (active++ == 0) {
          stretchCause = d.cause[k];
          sum = 0;
        }
        sum += d.from[k];
      } else {
        int k = byEnd[j++];
        sum = --active == 0 ? 0 : sum - d.from[k];
      }
      prev = x;
    }
    lowerInto(u, pieces);
  }

  /**
   * Unit u's ramps become the lower of them and {@code extra} (sorted and disjoint ramps: a
   * restart's, a damage's), exactly ({@link #lower}). {@code extra} must not be a scratch buffer of
   * this class but {@code scratchB}.
   */
  void lowerInto(int u, IntervalBuffer extra) {
    if (extra.size == 0) {
      return;
    }
    IntervalBuffer r = ramps[u];
    if (r.size == 0) {
      r.addAllRamps(extra);
    } else {
      lower(r, extra, scratchA);
      r.clear();
      r.addAllRamps(scratchA);
    }
  }

  /**
   * Sorts {@code idx[0 .. n)} by {@code key[idx[k]]}, ties by index (heapsort: in place,
   * deterministic).
   */
  private static void heapsort(int[] idx, int n, double[] key) {
    for (int i = n / 2 - 1; i >= 0; i--) {
      sift(idx, i, n, key);
    }
    for (int m = n - 1; m > 0; m--) {
      int t = idx[0];
      idx[0] = idx[m];
      idx[m] = t;
      sift(idx, 0, m, key);
    }
  }

  private static void sift(int[] idx, int i, int n, double[] key) {
    while (true) {
      int c = 2 * i + 1;
      if (c >= n) {
        return;
      }
      if (c + 1 < n && after(idx[c + 1], idx[c], key)) {
        c++;
      }
      if (!after(idx[c], idx[i], key)) {
        return;
      }
      int t = idx[i];
      idx[i] = idx[c];
      idx[c] = t;
      i = c;
    }
  }

  /** Whether index a sorts after index b: by key, then by index. */
  private static boolean after(int a, int b, double[] key) {
    return key[a] > key[b] || (key[a] == key[b] && a > b);
  }

  /**
   * Sorts unit s's blocked intervals and merges those that overlap or touch, each merged one
   * keeping the cause that began it ({@link IntervalBuffer#mergeOverlaps}).
   */
  void finishBlocked(int s) {
    blocked[s].sortByStart();
    blocked[s].mergeOverlaps();
  }
}
