package io.firedrill.engine;

import static io.firedrill.engine.KernelAnalyticTest.assertMean;
import static io.firedrill.engine.KernelAnalyticTest.forced;
import static io.firedrill.engine.KernelAnalyticTest.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import org.junit.jupiter.api.Test;

/**
 * Data loss (docs/simulation.md, "Data loss") against exact answers: a failover away from a down
 * primary loses an asynchronous replica's lag and nothing from a synchronous one; a destroyed
 * primary with backups every T loses a uniform share of T; a copy destroyed before the primary is
 * gone; a primary that comes back by itself loses nothing; a failover while the primary is up loses
 * nothing.
 *
 * <p>Stochastic checks allow 5 standard errors of the estimate itself: each fails falsely with
 * probability about 5.7e-7 (two-sided normal tail at z = 5); seeds are fixed and printed. Checks
 * with fixed durations compare exactly or to 1e-12.
 */
class DataLossTest {
  /** Sites a (primary), b (standby and copies), c; a fire at a and b as the events force them. */
  private static final String SITES =
      """
      name: data
      horizon: 200h
      sites:
        a:
          fire:
            rate: 1/y
            contained: 0
            outage: "fixed(10h)"
            restore: "fixed(1h)"
            %s
        b:
          fire:
            rate: 1/y
            contained: 0
            outage: "fixed(1h)"
            restore: "fixed(1h)"
            damage: {destroyed: 1}
        c: {}
      services:
      """;

  private static String model(String damageAtA, String services) {
    return SITES.formatted(damageAtA) + services.indent(2);
  }

  @Test
  void asynchronousReplica_failoverAfterASiteLoss_losesExactlyTheLag() throws Exception {
    // Fire at a at 5 h (dark 10 h); the standby at b joins 30 min later while a is down: the
    // service goes on from the replica, 15 min behind. Every trial loses exactly 0.25 h; an rpo of
    // exactly the lag is met, one just below it is breached.
    for (String rpo : new String[] {"15m", "14m"}) {
      RunStats r =
          forced(
              model(
                  "",
                  """
                  db:
                    deploy: {a: 1}
                    standby: {b: 1}
                    failover: {time: "fixed(30m)"}
                    data: {replica: b, lag: 15m}
                    rpo: %s
                  """
                      .formatted(rpo)),
              1000,
              81,
              "fire@a",
              5);
      assertEquals(0.25, r.metric(0, Metric.DATA_LOST_H).mean(), 0.0);
      assertEquals(0.25, r.metric(0, Metric.DATA_LOST_H).max(), 0.0);
      assertEquals(1, r.metric(0, Metric.DATA_LOSS).mean(), 0.0);
      assertEquals(rpo.equals("15m") ? 0 : 1, r.metric(0, Metric.RPO_BREACH).mean(), 0.0);
    }
  }

  @Test
  void synchronousReplica_failoverLosesNothing() throws Exception {
    RunStats r =
        forced(
            model(
                "",
                """
                db:
                  deploy: {a: 1}
                  standby: {b: 1}
                  failover: {time: "fixed(30m)"}
                  data: {replica: b}
                  rpo: 0m
                """),
            1000,
            82,
            "fire@a",
            5);
    assertEquals(0, r.metric(0, Metric.DATA_LOST_H).mean(), 0.0);
    assertEquals(0, r.metric(0, Metric.DATA_LOSS).mean(), 0.0);
    assertEquals(0, r.metric(0, Metric.RPO_BREACH).mean(), 0.0);
  }

  @Test
  void destroyedPrimary_backupsEveryT_losesUniformOnZeroToT() throws Exception {
    // No standby: the fire at 30 h destroys a, which held the only live copy; backups every
    // T = 24 h at b, at a uniform phase in [0, T) (so one was taken before 30 h): the writes since
    // the last backup before 30 h are lost, uniform on [0, T): mean T / 2 = 12, P(more than an rpo
    // of r) = 1 − r / T (3/4 at 6 h, 1/4 at 18 h).
    long seed = 83;
    for (int rpo : new int[] {6, 18}) {
      RunStats r =
          forced(
              model(
                  "damage: {destroyed: 1}",
                  """
                  db:
                    deploy: {a: 1}
                    data: {backup: b, backup_interval: 24h}
                    rpo: %dh
                  """
                      .formatted(rpo)),
              100_000,
              seed,
              "fire@a",
              30);
      assertMean(12, r.metric(0, Metric.DATA_LOST_H), "backups every 24 h, destroyed", seed);
      assertMean(1 - rpo / 24.0, r.metric(0, Metric.RPO_BREACH), "P(loss > " + rpo + " h)", seed);
      assertEquals(1, r.metric(0, Metric.DATA_LOSS).mean(), 0.0);
    }
  }

  @Test
  void primaryThatComesBack_losesNothing_andAFailoverWhileItIsUp_losesNothing() throws Exception {
    // The fire at a darkens it for 10 h and it restores: without a standby nothing is lost. The
    // second service's primary is c; the fire at a (its other active site) makes it fail over to
    // b while c is up: nothing lost either.
    RunStats r =
        forced(
            model(
                "",
                """
                db:
                  deploy: {a: 1}
                  data: {backup: b, backup_interval: 24h}
                web:
                  deploy: {c: 1, a: 1}
                  demand: 2
                  standby: {b: 1}
                  failover: {time: "fixed(30m)"}
                  data: {primary: c, replica: b, lag: 1h}
                """),
            1000,
            84,
            "fire@a",
            5);
    assertEquals(0, r.metric(0, Metric.DATA_LOST_H).max(), 0.0);
    assertEquals(0, r.metric(1, Metric.DATA_LOST_H).max(), 0.0);
    // The failover did happen: web was down for the 30 minutes until b joined.
    assertEquals(0.5, r.metric(1, Metric.DOWNTIME_H).mean(), 0.0);
  }

  @Test
  void replicaDestroyedFirst_theLossFallsBackToTheBackups_orToEverything() throws Exception {
    // b (the replica's site) burns at 0 and is destroyed from 1 h; a burns at 15 h and is
    // destroyed. With backups at c every 10 h the loss is uniform on [0, 10): mean 5. Without
    // them nothing survives: every copy is lost (no number of hours), which breaches the rpo.
    long seed = 85;
    String withBackups =
        """
        db:
          deploy: {a: 1}
          data: {replica: b, backup: c, backup_interval: 10h}
          rpo: 10h
        """;
    RunStats r =
        forced(
            model("damage: {destroyed: 1}", withBackups), 100_000, seed, "fire@b", 0, "fire@a", 15);
    assertMean(5, r.metric(0, Metric.DATA_LOST_H), "replica gone, backups every 10 h", seed);
    RunStats none =
        forced(
            model(
                "damage: {destroyed: 1}",
                """
                db:
                  deploy: {a: 1}
                  data: {replica: b}
                  rpo: 10h
                """),
            100,
            seed,
            "fire@b",
            0,
            "fire@a",
            15);
    assertEquals(0, none.metric(0, Metric.DATA_LOST_H).max(), 0.0);
    assertEquals(1, none.metric(0, Metric.DATA_LOST_ALL).mean(), 0.0);
    assertEquals(1, none.metric(0, Metric.DATA_LOSS).mean(), 0.0);
    assertEquals(1, none.metric(0, Metric.RPO_BREACH).mean(), 0.0);
    assertEquals(0, r.metric(0, Metric.DATA_LOST_ALL).max(), 0.0);
  }

  @Test
  void run_aFaultEvery101Hours_failsOverAndLosesTheLagEachTime() throws Exception {
    // A fault at a at 100 h, 201 h, ..., 908 h (fixed 100 h up, 1 h down): 9 in 1000 h; each
    // time the standby joins after 30 min while a is down, losing the 5-minute lag: 9 × 5 / 60 h.
    RunStats r =
        simulate(
            """
            name: data
            horizon: 1000h
            sites:
              a:
                fault: {ttf: "fixed(100h)", outage: "fixed(1h)"}
              b: {}
            services:
              db:
                deploy: {a: 1}
                standby: {b: 1}
                failover: {time: "fixed(30m)"}
                data: {replica: b, lag: 5m}
                rpo: 1h
            """,
            100,
            86);
    assertEquals(9 * 5 / 60.0, r.metric(0, Metric.DATA_LOST_H).mean(), 1e-12);
    assertEquals(0, r.metric(0, Metric.RPO_BREACH).mean(), 0.0);
  }

  @Test
  void zonePrimary_aSitesDestroyingFireReachesIt() throws Exception {
    // The primary is zone a/hall of site a; the fire at the site destroys the site's hardware,
    // its zones' included: the writes the asynchronous replica at b lacks (its 2-minute lag) are
    // lost in every trial, though no standby took over.
    RunStats r =
        forced(
            """
            name: data
            horizon: 100h
            sites:
              a:
                zones: {hall: {share: 1}}
                fire:
                  rate: 1/y
                  contained: 0
                  outage: "fixed(2h)"
                  restore: "fixed(1h)"
                  damage: {destroyed: 1}
              b: {}
            services:
              db:
                deploy: {a/hall: 1}
                data: {replica: b, lag: 2m}
            """,
            100,
            87,
            "fire@a",
            1);
    assertEquals(2 / 60.0, r.metric(0, Metric.DATA_LOST_H).mean(), 1e-15);
    assertEquals(1, r.metric(0, Metric.DATA_LOSS).mean(), 0.0);
  }

  @Test
  void noCopy_aDestroyedPrimaryLosesEverything_breachingAnRpoOnlyWhereThereIsOne()
      throws Exception {
    // data: {} is a primary alone; the fire at 6 h destroys it: every copy is lost, in every
    // trial. With an rpo that is a breach; without one, rpo_breach stays 0 (nothing to breach).
    for (String rpo : new String[] {"\n  rpo: 1h", ""}) {
      RunStats r =
          forced(
              model("damage: {destroyed: 1}", "db:\n  deploy: {a: 1}\n  data: {}" + rpo),
              100,
              88,
              "fire@a",
              6);
      assertEquals(1, r.metric(0, Metric.DATA_LOST_ALL).mean(), 0.0);
      assertEquals(0, r.metric(0, Metric.DATA_LOST_H).max(), 0.0);
      assertEquals(rpo.isEmpty() ? 0 : 1, r.metric(0, Metric.RPO_BREACH).mean(), 0.0);
    }
  }

  @Test
  void aStandbyWithoutCapacity_servesNothing_andLosesNothing() throws Exception {
    // The standby joins after 30 min. With no capacity (standby 0 at b) it serves nothing: the
    // service waits for a and loses no data. With capacity (at c) it serves, from the replica:
    // the 15-minute lag is lost.
    for (String standby : new String[] {"{b: 0}", "{c: 1}"}) {
      RunStats r =
          forced(
              model(
                  "",
                  """
                  db:
                    deploy: {a: 1}
                    standby: %s
                    failover: {time: "fixed(30m)"}
                    data: {replica: b, lag: 15m}
                  """
                      .formatted(standby)),
              100,
              89,
              "fire@a",
              5);
      assertEquals(standby.equals("{b: 0}") ? 0 : 0.25, r.metric(0, Metric.DATA_LOST_H).max(), 0.0);
    }
  }

  @Test
  void aCopyInABurningBuilding_isLostFromTheIgnition_aDarkOneStillCounts() throws Exception {
    // The replica's site b burns from 4 h (dark 1 h, then restored over 1 h); a fails at 4.5 h
    // (its fault) and the standby at c joins 30 min later, while b is dark. With b's fire
    // destroying its hardware (at 5 h, the end of the dark), the replica is gone from 4 h: every
    // copy is lost. Without destruction the replica is only down: it counts, the lag is lost.
    for (String damage : new String[] {"damage: {destroyed: 1}", ""}) {
      String m =
          """
          name: data
          horizon: 100h
          sites:
            a:
              fault: {rate: 1/y, outage: "fixed(10h)"}
            b:
              fire: {rate: 1/y, contained: 0, outage: "fixed(1h)", restore: "fixed(1h)", %s}
            c: {}
          services:
            db:
              deploy: {a: 1}
              standby: {c: 1}
              failover: {time: "fixed(30m)"}
              data: {replica: b, lag: 15m}
          """
              .formatted(damage)
              .replace(", }", "}");
      RunStats r = forced(m, 100, 90, "fire@b", 4, "fault@a", 4.5);
      boolean destroyed = !damage.isEmpty();
      assertEquals(destroyed ? 1 : 0, r.metric(0, Metric.DATA_LOST_ALL).mean(), 0.0, damage);
      assertEquals(destroyed ? 0 : 0.25, r.metric(0, Metric.DATA_LOST_H).mean(), 0.0, damage);
    }
  }

  @Test
  void aStandbyWhoseSiteRampsBackWhileThePrimaryIsDown_failsOver_andLosesTheLag() throws Exception {
    // q (the standby's and replica's site) is dark from 1 h to 3 h, then restarts along a line
    // over 5 h; p (the primary) is down from 2 h to 5.5 h. The standby joins at 2 h + 1 min but
    // brings capacity only from 3 h, on q's ramp, while p is still down: the 5-minute lag is lost.
    // With another service ahead of it at q (priority 1, 40 of q's 50 units), x's standby gets
    // capacity only at q's factor 0.8, at 7 h: p is back by then, nothing is lost.
    String m =
        """
        name: data
        horizon: 24h
        sites:
          p: {fault: {rate: 1/y, outage: "fixed(3.5h)"}}
          q:
            fault: {rate: 1/y, outage: "fixed(2h)"}
            restart: "fixed(5h)"
            restart_curve: [[0, 0], [1, 1]]
        services:
          x:
            demand: 10
            deploy: {p: 10}
            standby: {q: 10}
            failover: {time: "fixed(1m)"}
            data: {replica: q, lag: 5m}
            restore_priority: 2
          y: {demand: 40, deploy: {q: 40}, restore_priority: %d}
        """;
    for (int y : new int[] {3, 1}) {
      RunStats r = forced(m.formatted(y), 10, 91, "fault@q", 1, "fault@p", 2);
      assertEquals(y == 3 ? 5 / 60.0 : 0, r.metric(0, Metric.DATA_LOST_H).mean(), 1e-15, "y " + y);
    }
  }

  @Test
  void aPrimaryBackOnARamp_endsItsDownPeriod_soALaterLossIsAnother() throws Exception {
    // A fire at a: dark 0–10 h, then restored linearly to 34 h. db fails over to b at 10 min
    // (loses its replica's lag, 5 min); the standby stays joined while a's capacity is short. A
    // fault blocks a again over 20–22 h: a second down period, in which the standby already
    // serves, so it loses another 5 min at 20 h: 10 min in all. (The down period ends where the
    // ramp starts at 10 h, though a's capacity is 0 at that instant.)
    String yaml =
        """
        name: ramp-period
        horizon: 100h
        sites:
          a:
            fire: {rate: 1/y, outage: "fixed(10h)", restore: "fixed(24h)"}
            fault: {rate: 1/y, outage: "fixed(2h)"}
          b: {}
        services:
          db:
            deploy: {a: 1}
            standby: {b: 1}
            failover: {time: "fixed(10m)"}
            data: {replica: b, lag: 5m}
        """;
    RunStats r = forced(yaml, 3, 98, "fire@a", 0, "fault@a", 20);
    assertEquals(10 / 60.0, r.metric(0, Metric.DATA_LOST_H).mean(), 1e-12);
  }
}
