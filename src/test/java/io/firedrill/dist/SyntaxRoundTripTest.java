package io.firedrill.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every syntax form parses to the right value, and what firedrill writes parses back exactly. */
class SyntaxRoundTripTest {

  @ParameterizedTest
  @CsvSource({
    "90s, 0.025",
    "15m, 0.25",
    "1.5h, 1.5",
    "2d, 48",
    "1w, 168",
    "1y, 8760",
    "0, 0",
    "0.5 h, 0.5",
    "1e2m, 1.6666666666666667",
    "' 3h ', 3"
  })
  void duration_parsesToHours(String text, double hours) throws SyntaxException {
    assertEquals(hours, Units.parseDuration(text), 1e-12 * Math.max(1, hours));
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {0.025, 0.25, 1.0 / 3, 0.1, 1e-7, 1.5, 30, 72, 12345.678, 8760, 0.75 * 8760, 7.5e9})
  void duration_formatThenParse_isExact(double hours) throws SyntaxException {
    String text = Units.formatDuration(hours);
    assertEquals(hours, Units.parseDuration(text), 0.0, text);
  }

  @ParameterizedTest
  @CsvSource({"0.5/y, 0.5", "2/d, 730", "0.001/h, 8.76", "0.0077/y, 0.0077", "17/y, 17"})
  void rate_parsesToPerHour_andRoundTrips(String text, double perYear) throws SyntaxException {
    double perHour = Units.parseRate(text);
    assertEquals(perYear / 8760, perHour, 1e-15 * perYear);
    assertEquals(perHour, Units.parseRate(Units.formatRate(perHour)), 0.0);
    assertEquals(perHour, Units.parseRate(Units.formatRatePerHour(perHour)), 0.0);
  }

  @ParameterizedTest
  @CsvSource({"48M, 48000000", "12K, 12000", "1.5K, 1500", "2000, 2000", "47.6M, 47600000", "0, 0"})
  void count_parsesSuffixes_andRoundTrips(String text, double value) throws SyntaxException {
    assertEquals(value, Units.parseCount(text), 0.0);
    assertEquals(value, Units.parseCount(Units.formatCount(value)), 0.0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fixed(5m)",
        "exponential(mean=1h)",
        "lognormal(median=40m, p90=4h)",
        "weibull(shape=1.5, scale=10h)",
        "gamma(shape=2, mean=6h)",
        "uniform(12h, 72h)",
        "triangular(min=1h, mode=2h, max=10h)",
        "lognormal(p90=4h, median=40m)",
        "uniform(min=0, max=1d)",
        "weibull(0.7, 3h)",
        "  gamma( shape = 2 , mean = 6h )  "
      })
  void distribution_parse_thenSyntax_thenParse_givesTheSameDistribution(String text)
      throws SyntaxException {
    Distribution d = DistributionParser.parse(text);
    assertEquals(d, DistributionParser.parse(d.syntax()), d.syntax());
  }

  @Test
  void distribution_namedAndPositionalArguments_agree() throws SyntaxException {
    assertEquals(new Uniform(12, 72), DistributionParser.parse("uniform(12h, 72h)"));
    assertEquals(new Uniform(12, 72), DistributionParser.parse("uniform(max=3d, min=12h)"));
    assertEquals(new LogNormal(1, 4), DistributionParser.parse("lognormal(1h, 4h)"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "lognormal(median=4h, p90=40m)|25|p90 (40m) must be above the median (4h)",
        "lognorm(median=1h, p90=2h)|0|unknown distribution 'lognorm'",
        "lognormal(median=1h)|19|missing parameter 'p90'",
        "weibull(shape=2, scal=4h)|17|unknown parameter 'scal'",
        "uniform(4h, 1h)|12|max (1h) must be above min (4h)",
        "triangular(min=1h, mode=5h, max=4h)|24|mode (5h) must lie between min and max",
        "fixed(5)|7|has no unit",
        "fixed(5q)|7|unknown time unit 'q'",
        "exponential(mean=-1h)|17|mean must be positive",
        "4h|0|not a bare duration",
        "gamma(shape=2, mean=6h|22|expected ')'",
        "uniform(1h, 2h, 3h)|16|too many arguments",
        "lognormal(median=1h, median=2h)|21|given twice"
      })
  void distribution_errors_pointAtTheOffendingCharacter(String text, int offset, String words) {
    SyntaxException e = assertThrows(SyntaxException.class, () -> DistributionParser.parse(text));
    assertEquals(offset, e.offset(), e.getMessage());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "15", "m", "1.2.3h", "nanh", "1e999h", "-", "h15"})
  void duration_rejectsMalformedText(String text) {
    assertThrows(SyntaxException.class, () -> Units.parseDuration(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.5", "0.5/m", "/y", "x/y", "1/y/y"})
  void rate_rejectsMalformedText(String text) {
    assertThrows(SyntaxException.class, () -> Units.parseRate(text));
  }
}
