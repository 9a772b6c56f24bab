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

  /** Power losses by site, before restarts: grid outages past the UPS and generator, faults. */
  final IntervalBuffer[] power;

  /** Intervals in which a site has no capacity, by site. */
  final IntervalBuffer[] blocked;

  /**
   * Utility cuts by site, from effects ({@link Cascades}), kept only for the sites of {@link
   * Plan#utilitySites}.
   */
  final IntervalBuffer[] cuts;

  /** Restore ramps by site: capacity from {@code from} to {@code to}, linear in between. */
  final IntervalBuffer[] ramps;

  private final IntervalBuffer scratchA = new IntervalBuffer();
  private final IntervalBuffer scratchB = new IntervalBuffer();

  /** The count sweep of {@link #feedsOut}. */
  private final Overlaps overlaps = new Overlaps();

  SiteTimelines(Plan plan) {
    p = plan;
    netDown = buffers(plan.networks);
    gridDown = buffers(plan.grids);
    power = buffers(plan.sites);
    blocked = buffers(plan.sites);
    ramps = buffers(plan.sites);
    cuts = buffers(plan.sites);
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
    for (int s = 0; s < p.sites; s++) {
      power[s].clear();
      blocked[s].clear();
      ramps[s].clear();
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
    if (nets.length == 0) {
      return;
    }
    if (nets.length == 1) {
      blocked[s].addAll(netDown[nets[0]]);
      return;
    }
    blocked[s].addAll(allDown(nets, netDown));
    double rc = p.reconvergeHours[s];
    if (rc <= 0) {
      return;
    }
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
   * Sorts site s's blocked intervals and merges those that overlap or touch, each merged one
   * keeping the cause that began it ({@link IntervalBuffer#mergeOverlaps}).
   */
  void finishBlocked(int s) {
    blocked[s].sortByStart();
    blocked[s].mergeOverlaps();
  }
}
