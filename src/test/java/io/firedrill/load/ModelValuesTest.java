package io.firedrill.load;

import static io.firedrill.load.ModelLoaderTest.MINIMAL;
import static io.firedrill.load.ModelLoaderTest.errors;
import static io.firedrill.load.ModelLoaderTest.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.dist.SyntaxException;
import io.firedrill.model.ActivityProfile;
import io.firedrill.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every numeric key of a model reads the one number syntax, with its range, and every value times
 * its unit is checked where it is written (docs/model-format.md, "Values").
 */
class ModelValuesTest {

  @ParameterizedTest
  @CsvSource({
    "1e3, 1000",
    "100K, 100000",
    "9223372036854775807, 9223372036854775807",
    "9223372036854775806, 9223372036854775806"
  })
  void seed_takesTheCountSyntax_exactly(String text, long seed) throws ModelException {
    assertEquals(seed, load(MINIMAL + "seed: " + text + "\n").seed());
  }

  @ParameterizedTest
  @CsvSource({"1e3, 1000", "100K, 100000", "2.5K, 2500", "1099511627776, 1099511627776"})
  void trials_takesTheCountSyntax(String text, long trials) throws ModelException {
    assertEquals(trials, load(MINIMAL + "trials: " + text + "\n").trials());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "seed: 1.5|test.yaml:8:7: seed: must be a whole number from 0 to 9223372036854775807, got '1.5'",
        "seed: 9223372036854775808|test.yaml:8:7: seed: must be a whole number from 0 to"
            + " 9223372036854775807, got '9223372036854775808'",
        "seed: 2d|test.yaml:8:7: seed: must be a whole number from 0 to 9223372036854775807, got '2d'",
        "trials: 0|test.yaml:8:9: trials: must be a whole number from 1 to 1099511627776, got '0'",
        "trials: 1e13|test.yaml:8:9: trials: must be a whole number from 1 to 1099511627776, got"
            + " '1e13'",
        "horizon: 1e308d|test.yaml:8:10: horizon: '1e308d' is too large to compute with (above"
            + " 1.8e308 hours)",
        "horizon: 200000y|test.yaml:8:10: horizon: must be at most 100000y, got 200000y",
        "scenario_horizon: 1e6y|test.yaml:8:19: scenario_horizon: must be at most 100000y, got 1e6y",
        "scenario_horizon: 0|test.yaml:8:19: scenario_horizon: must be positive, got 0",
        "start: monkey 10:00|test.yaml:8:8: start: 'monkey' is not a day of the week (expected mon,"
            + " tue, wed, thu, fri, sat, sun or the full name, such as sat 15:30)",
        "start: sat 7:5|test.yaml:8:12: start: '7:5' is not a time of day (expected H:MM or HH:MM"
            + " from 0:00 to 23:59, such as 15:30)"
      })
  void topLevelValue_outOfSyntaxOrRange_isOneLocatedLine(String line, String message) {
    assertEquals(List.of(message), errors(MINIMAL + line + "\n"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sites.east.ups=1e308d|sites.east.ups: '1e308d' is too large to compute with (above 1.8e308"
            + " hours)",
        "sites.east.reconverge=1e-320h|sites.east.reconverge: '1e-320h' is too small to compute"
            + " with (below 2.2e-308 hours)",
        "sites.east.fault={rate: 1e-320/y, outage: \"fixed(1h)\"}|sites.east.fault.rate: '1e-320/y'"
            + " is too small to compute with (below 2.2e-308 per hour)",
        "sites.east.fault={rate: 1/y, outage: \"fixed(1e308d)\"}|sites.east.fault.outage: '1e308d'"
            + " is too large to compute with (above 1.8e308 hours)",
        "sites.east.fault={rate: 1/y, outage: \"gamma(shape=1e999, mean=1h)\"}|"
            + "sites.east.fault.outage: '1e999' is too large to compute with (above 1.8e308)",
        "sites.east.generator={fail_to_start: 0.5d}|sites.east.generator.fail_to_start: '0.5d' is"
            + " not a probability between 0 and 1",
        "services.api.users=2e15|services.api.users: must be at most 1e15, got 2e15",
        "services.api.users=1e308M|services.api.users: '1e308M' is too large to compute with (above"
            + " 1.8e308)",
        "services.api.demand=1.1e15|services.api.demand: must be at most 1e15, got 1.1e15",
        "services.api.deploy.east=1e16|services.api.deploy.east: must be at most 1e15, got 1e16",
        "cost={east: 2e15}|cost.east: must be at most 1e15, got 2e15"
      })
  void overriddenValue_outOfRange_namesTheOverride(String override, String message) {
    assertEquals(List.of("--set " + override + ": " + message), errors(MINIMAL, override));
  }

  @Test
  void quantitiesAtTheLimit_areAccepted() throws ModelException {
    Model m =
        load(
            MINIMAL,
            "services.api.users=1e15",
            "services.api.demand=1e15",
            "services.api.deploy.east=1000000000M",
            "horizon=100000y",
            "cost={east: 1e15}");
    assertEquals(1e15, m.service("api").users());
    assertEquals(1e15, m.service("api").demand());
    assertEquals(1e15, m.service("api").deploy().get(0).capacity());
    assertEquals(8.76e8, m.horizonHours());
    assertEquals(1e15, m.pricePerUnitYear("east"));
  }

  @Test
  void scenarioHorizon_defaultsToSevenDays_andTakesADuration() throws ModelException {
    assertEquals(168, load(MINIMAL).scenarioHorizonHours());
    assertEquals(2400, load(MINIMAL + "scenario_horizon: 100d\n").scenarioHorizonHours());
  }

  @Test
  void generatorRate_zeroPerHour_isTheDefaultAndAccepted() throws ModelException {
    Model m = load(MINIMAL, "sites.east.generator={rate: 0/h}");
    assertEquals(0, m.site("east").generator().failuresPerRunningHour());
    assertEquals(
        List.of(
            "--set sites.east.generator={rate: -1/h}: sites.east.generator.rate: must be zero or"
                + " more, got -1/h"),
        errors(MINIMAL, "sites.east.generator={rate: -1/h}"));
  }

  @Test
  void serviceNamedTotal_isRefused_asTheNameOfTheSum() {
    assertEquals(
        List.of(
            "test.yaml:8:3: services.total: 'total' is reserved for the sum over all services;"
                + " choose another name"),
        errors(MINIMAL + "  total: {deploy: {east: 1}}\n"));
  }

  @Test
  void errors_areReportedInFileOrder_whateverSectionTheyAreIn() {
    assertEquals(
        List.of(
            "test.yaml:1:7: seed: must be a whole number from 0 to 9223372036854775807, got '-1'",
            "test.yaml:4:15: sites.east.ups: must be zero or more, got -1m",
            "test.yaml:9:8: start: 'someday' is not a day of the week (expected mon, tue, wed,"
                + " thu, fri, sat, sun or the full name, such as sat 15:30)"),
        errors(
            "seed: -1\n"
                + MINIMAL.replace("east: {}", "east: {ups: -1m}")
                + "start: someday 10:00\n"));
  }

  /** 168 weights of 1e308 sum to Infinity; divided by the largest first, they are flat. */
  @Test
  void profile_ofEqualHugeWeights_isFlat() throws ModelException {
    String weights = String.join(", ", java.util.Collections.nCopies(168, "1e308"));
    assertTrue(load(MINIMAL + "profile: [" + weights + "]\n").profile().isFlat());
    String ones = String.join(", ", java.util.Collections.nCopies(168, "2.5"));
    assertTrue(load(MINIMAL + "profile: [" + ones + "]\n").profile().isFlat());
  }

  /**
   * Weights 2^1023 and 2^1022 (their sum overflows): divided by the largest they are 1 and 0.5,
   * whose mean 0.75 is exact, so the scaled weights are exactly 1 / 0.75 and 0.5 / 0.75.
   */
  @Test
  void profile_ofHugeUnequalWeights_isScaledToMeanOne_withoutOverflow() throws ModelException {
    String big = Double.toString(Math.scalb(1.0, 1023));
    String half = Double.toString(Math.scalb(1.0, 1022));
    StringBuilder w = new StringBuilder("[");
    for (int h = 0; h < 168; h++) {
      w.append(h == 0 ? "" : ", ").append(h < 84 ? big : half);
    }
    List<Double> weights = load(MINIMAL + "profile: " + w + "]\n").profile().weights();
    assertEquals(4.0 / 3, weights.get(0), 0.0);
    assertEquals(2.0 / 3, weights.get(167), 0.0);
  }

  @ParameterizedTest
  @CsvSource({
    "mon 0:00, 0",
    "mon 00:00, 0",
    "sat 15:30, 135.5",
    "Saturday 15:30, 135.5",
    "SAT 15:30, 135.5",
    "sunday 23:59, 167.98333333333332",
    "'  tue   9:05 ', 33.083333333333336"
  })
  void weekTime_dayAndTime_isHoursFromMonday(String text, double hours) throws SyntaxException {
    assertEquals(hours, ActivityProfile.parseWeekTime(text), 0.0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "monkey 10:00",
        "mond 10:00",
        "tues 10:00",
        "saturdays 10:00",
        "sat 24:00",
        "sat 10:60",
        "sat 1:5",
        "sat 123:00",
        "sat",
        "sat 10:00 x",
        "10:00 sat",
        ""
      })
  void weekTime_anythingElse_isRefused(String text) {
    assertThrows(SyntaxException.class, () -> ActivityProfile.parseWeekTime(text));
  }
}
