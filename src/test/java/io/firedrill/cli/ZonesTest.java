package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zones (docs/simulation.md, "Zones"): a site divided into parts with shares of its capacity; a
 * placement on the site is spread by share, one on a zone stays there; a zone's own hazards strike
 * it alone, the site's every zone; a single-corded zone loses power at every loss of utility. End
 * to end with fixed durations, so every check is exact; the stochastic closed forms are in {@code
 * KernelAnalyticTest}.
 */
class ZonesTest {
  static final String MODEL =
      """
      name: zones
      horizon: 1000h
      scenario_horizon: 2d
      grids:
        g: {ttf: "fixed(500h)", outage: "fixed(6h)"}
      sites:
        a:
          grid: g
          ups: 1h
          generator: {fail_to_start: 0}
          zones:
            battery:
              share: 0
              fire:
                ttf: "fixed(500h)"
                outage: "fixed(2h)"
                restore: "fixed(4h)"
                also: {a/hall-1: {effect: dark, delay: "fixed(3h)", outage: "fixed(10h)"}}
            hall-1: {share: 0.3, fault: {ttf: "fixed(500h)", outage: "fixed(10h)"}}
            hall-2: {share: 0.6}
            cords: {share: 0.1, power: utility}
      services:
        big: {demand: 0.8, deploy: {a: 1}}
        small: {demand: 0.6, deploy: {a: 1}}
        h2: {deploy: {a/hall-2: 1}}
        full: {deploy: {a: 1}, users: 1000}
      """;

  @Test
  void aZoneOfShare03Lost10Hours_downsAServiceNeeding08_notOneNeeding06(@TempDir Path tmp)
      throws Exception {
    var out = FixedScenario.run(tmp, MODEL, "fault@a/hall-1");
    // hall-1 (0.3) off [0, 10 h): the site has 0.7 of its capacity.
    assertEquals(10, out.mean("big", "downtime_h"), 0.0);
    assertEquals(10, out.mean("big", "recover_h"), 0.0);
    assertEquals(0, out.mean("small", "downtime_h"), 0.0);
    assertEquals(0, out.mean("h2", "downtime_h"), 0.0);
    // full needs all of it: down 10 h, serving 0.7 of its 1000 users.
    assertEquals(10, out.mean("full", "downtime_h"), 0.0);
    assertEquals(0.3 * 1000 * 10, out.mean("full", "user_hours"), 1e-9);
    assertEquals(List.of("big fault@a/hall-1 10", "full fault@a/hall-1 10"), out.causeLines());
    // With the site's restart, the zone comes back an hour later: each zone restarts after its
    // own losses.
    var restart =
        FixedScenario.run(
            tmp,
            MODEL.replace("    ups: 1h\n", "    ups: 1h\n    restart: \"fixed(1h)\"\n"),
            "fault@a/hall-1");
    assertEquals(11, restart.mean("big", "downtime_h"), 0.0);
  }

  @Test
  void aSingleCordedZone_losesPowerAtEveryLossOfUtility_whileTheGeneratorCarriesTheRest(
      @TempDir Path tmp) throws Exception {
    // The grid is out [0, 6 h): the generator carries battery, hall-1 and hall-2; cords (0.1) is
    // on utility alone and is off for the whole outage.
    var out = FixedScenario.run(tmp, MODEL, "grid@g");
    assertEquals(6, out.mean("full", "downtime_h"), 0.0);
    assertEquals(0.1 * 1000 * 6, out.mean("full", "user_hours"), 1e-9);
    assertEquals(0, out.mean("big", "downtime_h"), 0.0);
    assertEquals(0, out.mean("h2", "downtime_h"), 0.0);
    assertEquals(List.of("full grid@g 10"), out.causeLines());
  }

  @Test
  void aFireInTheBatteryRoom_darkensTheNextHall_afterItsDelay_causedByTheFire(@TempDir Path tmp)
      throws Exception {
    // The battery room holds no capacity (share 0): its own fire changes nothing; its cascade
    // darkens hall-1 over [3 h, 13 h).
    var out = FixedScenario.run(tmp, MODEL, "fire@a/battery");
    assertEquals(10, out.mean("big", "downtime_h"), 0.0);
    assertEquals(13, out.mean("big", "recover_h"), 0.0);
    assertEquals(0, out.mean("small", "downtime_h"), 0.0);
    assertEquals(0, out.mean("h2", "downtime_h"), 0.0);
    assertEquals(List.of("big fire@a/battery 10", "full fire@a/battery 10"), out.causeLines());
  }

  static final String FIRES =
      """
      name: fires
      horizon: 1000h
      scenario_horizon: 1d
      sites:
        b:
          fire: {ttf: "fixed(500h)", outage: "fixed(2h)", restore: "fixed(4h)"}
          zones:
            z1:
              share: 0.5
              fire: {ttf: "fixed(500h)", outage: "fixed(1h)", restore: "fixed(1h)"}
            z2: {share: 0.5}
      services:
        on-z1: {deploy: {b/z1: 1}, slo: 1, users: 1}
        on-z2: {deploy: {b/z2: 1}, slo: 1, users: 1}
        on-b: {deploy: {b: 1}, slo: 1, users: 1}
      """;

  @Test
  void aZoneFollowsTheLowerOfTheSitesRestoreAndItsOwn(@TempDir Path tmp) throws Exception {
    // The site's fire at 0: every zone dark [0, 2 h), then r1(t) = (t − 2)/4 up to 6 h. z1's own
    // fire at 3 h: dark [3 h, 4 h), then r2(t) = t − 4 up to 5 h. z1 follows the lower: r1 on
    // [2, 3), 0 on [3, 4), r2 up to where it crosses r1 at t = 14/3, then r1 to 6 h. With slo 1,
    // users 1, the user-hours are the capacity lost: 2 + 7/8 + 1 + 4/9 + 2/9 on z1, 2 + 2 on z2,
    // and the site's placement (half on each) loses half of each. summary.csv gives 10
    // significant digits: the tolerance is its rounding.
    var out = FixedScenario.run(tmp, FIRES, "fire@b", "fire@b/z1+3h");
    double z1 = 2 + 7.0 / 8 + 1 + 4.0 / 9 + 2.0 / 9;
    assertEquals(z1, out.mean("on-z1", "user_hours"), 5e-9);
    assertEquals(6, out.mean("on-z1", "downtime_h"), 5e-9);
    assertEquals(4, out.mean("on-z2", "user_hours"), 5e-9);
    assertEquals(6, out.mean("on-z2", "downtime_h"), 5e-9);
    assertEquals(0.5 * z1 + 0.5 * 4, out.mean("on-b", "user_hours"), 5e-9);
  }

  @Test
  void aZonesOwnChillers_trippedByALossOfUtility_shutItDownAfterItsRideThrough(@TempDir Path tmp)
      throws Exception {
    // hall-2's chillers trip at the grid's failure although the generator carries the IT; it
    // shuts down after its 1-hour ride-through until cooling returns at 4 h.
    String yaml =
        MODEL.replace(
            "hall-2: {share: 0.6}",
            "hall-2: {share: 0.6, cooling: {rate: 0/y, outage: \"fixed(4h)\", ride_through: 1h,"
                + " trips: 1}}");
    var out = FixedScenario.run(tmp, yaml, "grid@g");
    assertEquals(3, out.mean("h2", "downtime_h"), 0.0);
    assertEquals(4, out.mean("h2", "recover_h"), 0.0);
    // The site: hall-2 and cords lost [1 h, 4 h) (0.3 left: big and small down), then cords alone
    // to 6 h (0.9 left: full only).
    assertEquals(3, out.mean("big", "downtime_h"), 0.0);
    assertEquals(3, out.mean("small", "downtime_h"), 0.0);
    assertEquals(6, out.mean("full", "downtime_h"), 0.0);
    assertEquals(
        List.of("big grid@g 10", "small grid@g 10", "h2 grid@g 10", "full grid@g 10"),
        out.causeLines());
  }

  @Test
  void aFiresEffectsCountFromItsIgnition_soAHallGoesDarkBeforeTheBuildingIsCut(@TempDir Path tmp)
      throws Exception {
    // The fire ignites at 0; the building is dark only from its onset, 2 h, for 5 h, then
    // restores over 1 h. Its effect darkens hall-a at the ignition for 2 h (a power path that
    // burned), so hall-a is down from 0 and hall-b from 2 h, both until 8 h.
    String yaml =
        """
        name: gradual
        scenario_horizon: 1d
        sites:
          s:
            fire:
              ttf: "fixed(500h)"
              onset: "fixed(2h)"
              outage: "fixed(5h)"
              restore: "fixed(1h)"
              also: {s/hall-a: {effect: dark, outage: "fixed(2h)"}}
            zones:
              hall-a: {share: 0.5}
              hall-b: {share: 0.5}
        services:
          on-a: {deploy: {s/hall-a: 1}}
          on-b: {deploy: {s/hall-b: 1}}
          half: {deploy: {s: 1}, demand: 0.5}
        """;
    var out = FixedScenario.run(tmp, yaml, "fire@s");
    // Down until the ramp passes the slo 0.99: 7 h + 0.99 h.
    assertEquals(7.99, out.mean("on-a", "recover_h"), 1e-9);
    assertEquals(7.99, out.mean("on-a", "downtime_h"), 1e-9);
    assertEquals(5.99, out.mean("on-b", "downtime_h"), 1e-9);
    // half needs one hall's worth: down while both are, from 2 h until the ramp brings the site
    // to its slo, 0.99 × 0.5, at 7.495 h.
    assertEquals(5.495, out.mean("half", "downtime_h"), 1e-9);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "hall-2: {share: 0.6}|hall-2: {share: 0.5}|sites.a.zones: the zones' shares add up to 0.9,"
            + " not 1: give each zone its part of the site's capacity",
        "hall-2: {share: 0.6}|hall-2: {power: utility}|sites.a.zones.hall-2.share: missing: give"
            + " the zone's share of the site's capacity (0 to 1)",
        "hall-2: {share: 0.6}|hall-2: {share: 1.6}|sites.a.zones.hall-2.share:",
        "hall-2: {share: 0.6}|hall-2: {share: 0.6, power: battery}|sites.a.zones.hall-2.power:",
        "cords: {share|Cords: {share|sites.a.zones.Cords: 'Cords' is not a valid name",
        "{effect: dark, delay|{effect: power, delay|sites.a.zones.battery.fire.also.a/hall-1.effect:"
            + " 'power' acts on a whole site (its utility, its networks), and a/hall-1 is a zone:"
            + " name the site a, or give the zone dark or cooling",
        "deploy: {a/hall-2: 1}|deploy: {a/hall-3: 1}|services.h2.deploy.a/hall-3: unknown site"
            + " 'a/hall-3'",
      })
  void aBadZone_isOneLineAtItsPlace_exit2(String from, String to, String message, @TempDir Path tmp)
      throws Exception {
    String yaml = MODEL.replace(from, to);
    org.junit.jupiter.api.Assertions.assertNotEquals(MODEL, yaml);
    Path m = Files.writeString(tmp.resolve("bad.yaml"), yaml);
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(2, r.code(), r::toString);
    List<String> errors = r.errLines();
    assertEquals(1, errors.size(), r::toString);
    org.junit.jupiter.api.Assertions.assertTrue(
        errors.get(0).matches(".*bad\\.yaml:\\d+:\\d+: .*") && errors.get(0).contains(message),
        errors.get(0));
  }

  @Test
  void anEventOnAZoneWithoutThatHazard_saysWhereToDeclareIt(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r = Cli.run("scenario", m.toString(), "--event", "fire@a/hall-2");
    assertEquals(2, r.code(), r::toString);
    org.junit.jupiter.api.Assertions.assertTrue(
        r.err()
            .startsWith(
                "firedrill scenario: --event: zone 'a/hall-2' declares no fire; give it"
                    + " sites.a.zones.hall-2.fire to force one (valid: "),
        r.err());
  }

  @Test
  void aScenarioWithZones_writesTheSameBytesOnOneThreadAndOnTwo(@TempDir Path tmp)
      throws Exception {
    // Random durations, a stationary background and every zone mechanism at once: a site's fire
    // with a zone's own, a single-corded zone, a zone's trips, a cascade to a zone.
    String yaml =
        MODEL
            .replace(
                "g: {ttf: \"fixed(500h)\", outage: \"fixed(6h)\"}",
                "g: {rate: 0.5/y, outage: \"exponential(mean=6h)\"}")
            .replace("ttf: \"fixed(500h)\"", "rate: 2/y")
            .replace(
                "hall-2: {share: 0.6}",
                "hall-2: {share: 0.6, cooling: {rate: 1/y, outage: \"exponential(mean=4h)\","
                    + " trips: 0.5}}")
            .replace(
                "    ups: 1h\n",
                "    ups: 1h\n    restart: \"exponential(mean=1h)\"\n"
                    + "    fire: {rate: 1/y, outage: \"fixed(3h)\", restore: \"fixed(5h)\"}\n");
    org.junit.jupiter.api.Assertions.assertTrue(
        yaml.contains("rate: 0.5/y")
            && !yaml.contains("fixed(500h)")
            && yaml.contains("trips: 0.5")
            && yaml.contains("fire: {rate: 1/y"),
        yaml);
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    for (String threads : List.of("1", "2")) {
      Cli.Result r =
          Cli.run(
              "scenario",
              m.toString(),
              "--event",
              "fire@a/battery",
              "--event",
              "grid@g+1h",
              "--trials",
              "3000",
              "--outages",
              "30",
              "--per-trial",
              "--threads",
              threads,
              "--charts",
              "none",
              "--out",
              tmp.resolve(threads).toString());
      assertEquals(0, r.code(), r::toString);
    }
    for (String f :
        List.of(
            "summary.csv",
            "recovery.csv",
            "sites.csv",
            "causes.csv",
            "trials.csv",
            "outages.csv")) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          Files.readAllBytes(tmp.resolve("1").resolve(f)),
          Files.readAllBytes(tmp.resolve("2").resolve(f)),
          f);
    }
  }

  @Test
  void aSiteWithOneZone_tiesWithTheOtherSitesInTheModelsOrder_forTheSameCauses(@TempDir Path tmp)
      throws Exception {
    // One grid outage strikes a and b at the same instant; a's generator fails to start half the
    // time. A drop is blamed on the first event at the instant in the model's order of sites, so
    // with a before b the grid and a's generator share the blame; a zone of a (its only one) must
    // keep a's place (zones were ordered after every site, and the generator's share vanished).
    String plain =
        """
        name: ties
        trials: 2000
        seed: 3
        grids: {g: {rate: 2/y, outage: "fixed(5h)"}}
        sites:
          a: {grid: g, ups: 10m, generator: {fail_to_start: 0.5}}
          b: {grid: g, ups: 10m}
        services: {x: {users: 1, demand: 2, deploy: {a: 1, b: 1}}}
        """;
    String zoned =
        plain.replace("fail_to_start: 0.5}}", "fail_to_start: 0.5}, zones: {only: {share: 1}}}");
    org.junit.jupiter.api.Assertions.assertNotEquals(plain, zoned);
    for (String name : List.of("p", "z")) {
      Path m = Files.writeString(tmp.resolve(name + ".yaml"), name.equals("p") ? plain : zoned);
      Cli.Result r =
          Cli.run("run", m.toString(), "--outages", "100", "--out", tmp.resolve(name).toString());
      assertEquals(0, r.code(), r::toString);
    }
    for (String f : List.of("causes.csv", "outages.csv", "summary.csv")) {
      assertEquals(
          Files.readString(tmp.resolve("p").resolve(f)),
          Files.readString(tmp.resolve("z").resolve(f)),
          f);
    }
    org.junit.jupiter.api.Assertions.assertTrue(
        Files.readString(tmp.resolve("z/causes.csv")).contains("generator@a"));
  }

  @Test
  void overridesReachZonePlacements_andAShareSumTheyBreakIsBlamedOnThem(@TempDir Path tmp)
      throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    // SITE/ZONE is one key of a path: a zone's placement can be set and swept.
    Cli.Result sweep =
        Cli.run(
            "sweep",
            m.toString(),
            "--vary",
            "services.h2.deploy.a/hall-2=0.5..1:0.5",
            "--event",
            "fault@a/hall-1",
            "--background",
            "off",
            "--trials",
            "10",
            "--charts",
            "none",
            "--out",
            tmp.resolve("w").toString());
    assertEquals(0, sweep.code(), sweep::toString);
    Cli.Result bad = Cli.run("validate", m.toString(), "--set", "sites.a.zones.hall-2.share=0.5");
    assertEquals(2, bad.code(), bad::toString);
    assertEquals(
        List.of(
            "--set sites.a.zones.hall-2.share=0.5: sites.a.zones: the zones' shares add up to"
                + " 0.9, not 1: give each zone its part of the site's capacity"),
        bad.errLines());
    // A path through a zone the site does not have would add an empty zone (no share).
    Cli.Result typo =
        Cli.run("validate", m.toString(), "--set", "sites.a.zones.hal-2.fault.rate=1/y");
    assertEquals(2, typo.code(), typo::toString);
    assertEquals(
        List.of(
            "--set sites.a.zones.hal-2.fault.rate=1/y: sites.a.zones.hal-2: unknown zone 'hal-2',"
                + " did you mean 'hall-2'? (known: battery, hall-1, hall-2, cords); to add a zone"
                + " give it whole: --set 'sites.a.zones.hal-2={share: ...}'"),
        typo.errLines());
  }

  @Test
  void aZonesTripsOrSingleCord_onASiteWithoutAGrid_getsAWarning(@TempDir Path tmp)
      throws Exception {
    String yaml =
        MODEL
            .replace("    grid: g\n", "")
            .replace("    ups: 1h\n", "")
            .replace("    generator: {fail_to_start: 0}\n", "")
            .replace(
                "hall-2: {share: 0.6}",
                "hall-2: {share: 0.6, cooling: {rate: 1/y, outage: \"fixed(1h)\", trips: 0.5}}");
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(0, r.code(), r::toString);
    List<String> warnings = r.errLines().stream().filter(l -> l.contains("zones")).toList();
    assertEquals(2, warnings.size(), r::toString);
    org.junit.jupiter.api.Assertions.assertTrue(
        warnings
            .get(0)
            .endsWith(
                "sites.a.zones.hall-2.cooling.trips: has no effect: the site has no grid, so no loss"
                    + " of utility to trip its chillers"),
        warnings.get(0));
    org.junit.jupiter.api.Assertions.assertTrue(
        warnings
            .get(1)
            .endsWith(
                "sites.a.zones.cords.power: has no effect: the site has no grid, so no loss of"
                    + " utility to cut this zone"),
        warnings.get(1));
  }

  @Test
  void anEffectOnASiteWithZones_countsOncePerZone_inTheUpFrontEstimate(@TempDir Path tmp)
      throws Exception {
    // A common-cause power cut of 10,000 a year on a site of 200 zones: about 2e6 intervals a
    // trial once copied to the zones (it was counted once and ran out of memory).
    StringBuilder zones = new StringBuilder("z0: {share: 1}");
    for (int i = 1; i < 200; i++) {
      zones.append(", z").append(i).append(": {share: 0}");
    }
    String yaml =
        """
        name: many
        common_cause:
          cut: {rate: 10000/y, outage: "fixed(1m)", also: {a: {effect: power}}}
        sites:
          a: {zones: {%s}}
        services:
          x: {deploy: {a: 1}}
        """
            .formatted(zones);
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(2, r.code(), r::toString);
    org.junit.jupiter.api.Assertions.assertTrue(
        r.err().contains("the model expects about 1.97e+06 hazard events per trial"), r.err());
  }

  @Test
  void sharesWithinTheTolerance_leaveADarkSiteWithNoCapacity(@TempDir Path tmp) throws Exception {
    // Three thirds written 0.333333333 add up to 0.999999999 (accepted); with every zone dark the
    // site's capacity is exactly 0 (it was 1e-9, which a deployment of 1e15 turned into enough).
    String yaml =
        """
        name: thirds
        scenario_horizon: 1d
        sites:
          a:
            fault: {rate: 0/y, outage: "fixed(10h)"}
            zones: {z1: {share: 0.333333333}, z2: {share: 0.333333333}, z3: {share: 0.333333333}}
        services:
          s: {demand: 100000, deploy: {a: 1e15}, users: 1M}
        """;
    var out = FixedScenario.run(tmp, yaml, "fault@a");
    assertEquals(10, out.mean("s", "downtime_h"), 0.0);
    assertEquals(1e7, out.mean("s", "user_hours"), 0.0);
  }

  @Test
  void aSiteOfMoreThan1000Zones_isRefused(@TempDir Path tmp) throws Exception {
    StringBuilder zones = new StringBuilder("z0: {share: 1}");
    for (int i = 1; i <= 1000; i++) {
      zones.append(", z").append(i).append(": {share: 0}");
    }
    Path m =
        Files.writeString(
            tmp.resolve("m.yaml"),
            "name: many\nsites:\n  a: {zones: {"
                + zones
                + "}}\nservices:\n  x: {deploy: {a: 1}}\n");
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            m
                + ":3:14: sites.a.zones: 1,001 zones; a site may have at most 1,000 (its capacity is"
                + " summed over them at every instant of a trial)"),
        r.errLines());
  }

  @Test
  void aSiteHazardStruckOnEveryZone_countsOncePerZone_inTheUpFrontEstimate(@TempDir Path tmp)
      throws Exception {
    // 200 zones under a site fault of 10,000 a year: 2e6 intervals a trial, refused up front
    // (it ran out of memory on one trial when the estimate counted the site once).
    StringBuilder zones = new StringBuilder("z0: {share: 1}");
    for (int i = 1; i < 200; i++) {
      zones.append(", z").append(i).append(": {share: 0}");
    }
    String yaml =
        """
        name: many
        sites:
          a: {fault: {rate: 10000/y, outage: "fixed(1s)"}, zones: {%s}}
        services:
          x: {deploy: {a: 1}}
        """
            .formatted(zones);
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(2, r.code(), r::toString);
    org.junit.jupiter.api.Assertions.assertTrue(
        r.err().contains("the model expects about 2.00e+06 hazard events per trial"), r.err());
  }

  @Test
  void aSiteWithOneZone_givesTheSameResultsAsTheSiteWithout(@TempDir Path tmp) throws Exception {
    // One zone of share 1 and no zone hazards: the same losses, the same restarts (the zone draws
    // the site's restart source from its first draw), so the same results.
    String plain =
        """
        name: one
        grids:
          g: {rate: 20/y, outage: "exponential(mean=3h)"}
        sites:
          a:
            grid: g
            ups: 10m
            generator: {fail_to_start: 0.1}
            restart: "exponential(mean=1h)"
            fire: {rate: 1/y, outage: "fixed(20h)", restore: "fixed(10h)"}
            fault: {rate: 2/y, outage: "exponential(mean=5h)"}
        services:
          sa: {deploy: {a: 1}, users: 100}
        """;
    String zoned = plain.replace("    fault:", "    zones: {all: {share: 1}}\n    fault:");
    List<String[]> p = summary(tmp, plain, "p");
    List<String[]> z = summary(tmp, zoned, "z");
    assertEquals(p.size(), z.size());
    for (int i = 0; i < p.size(); i++) {
      for (int j = 0; j < p.get(i).length; j++) {
        String a = p.get(i)[j];
        String b = z.get(i)[j];
        if (a.matches("-?[0-9.]+(e-?[0-9]+)?")) {
          // The site's capacity factor is 1 − 1 × (1 − the zone's), which rounds differently
          // from the zone's own in the last bits of a ramp: a rounding tolerance, not a
          // statistical one.
          assertEquals(
              Double.parseDouble(a),
              Double.parseDouble(b),
              1e-9 * Math.abs(Double.parseDouble(a)),
              String.join(",", p.get(i)));
        } else {
          assertEquals(a, b);
        }
      }
    }
  }

  private static List<String[]> summary(Path tmp, String yaml, String name) throws Exception {
    Path m = Files.writeString(tmp.resolve(name + ".yaml"), yaml);
    Path out = tmp.resolve(name);
    Cli.Result r =
        Cli.run("run", m.toString(), "--trials", "2000", "--seed", "5", "--out", out.toString());
    assertEquals(0, r.code(), r::toString);
    return Files.readAllLines(out.resolve("summary.csv")).stream().map(l -> l.split(",")).toList();
  }
}
