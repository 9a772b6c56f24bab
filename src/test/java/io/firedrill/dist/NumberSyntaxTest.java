package io.firedrill.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one number syntax of {@link Units}: what it accepts, what Java's own parser would accept and
 * it refuses, and the checks of a number multiplied by its unit.
 */
class NumberSyntaxTest {

  @ParameterizedTest
  @CsvSource({
    "12, 12",
    "1.5, 1.5",
    "1e3, 1000",
    "2.5e-4, 0.00025",
    "1E3, 1000",
    ".5, 0.5",
    "5., 5"
  })
  void number_modelSyntax_parsesToItsValue(String text, double value) throws SyntaxException {
    assertEquals(value, Units.parseNumber(text, 0, "a number"), 0.0);
  }

  /** Java's Double.parseDouble accepts all of these; the model syntax accepts none. */
  @ParameterizedTest
  @ValueSource(strings = {"2d", "2D", "2f", "2F", "0x1p3", "NaN", "Infinity", "1_000", "1,5", "e3"})
  void number_javaOnlySyntax_isRefused(String text) {
    SyntaxException e =
        assertThrows(SyntaxException.class, () -> Units.parseNumber(text, 0, "a number"));
    assertEquals("'" + text + "' is not a number", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1e308d|'1e308d' is too large to compute with (above 1.8e308 hours)",
        "1e400h|'1e400h' is too large to compute with (above 1.8e308 hours)",
        "1e-320h|'1e-320h' is too small to compute with (below 2.2e-308 hours)",
        "1e-306s|'1e-306s' is too small to compute with (below 2.2e-308 hours)",
        "1e-99999999999m|'1e-99999999999' is too small to compute with",
        "1e99999999999m|'1e99999999999' is too large to compute with"
      })
  void duration_overflowOrUnderflowInHours_isRefused(String text, String message) {
    SyntaxException e = assertThrows(SyntaxException.class, () -> Units.parseDuration(text));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1e-320/y|'1e-320/y' is too small to compute with (below 2.2e-308 per hour)",
        "1e-305/y|'1e-305/y' is too small to compute with (below 2.2e-308 per hour)",
        "1e309/h|'1e309/h' is too large to compute with (above 1.8e308 per hour)"
      })
  void rate_overflowOrUnderflowPerHour_isRefused(String text, String message) {
    SyntaxException e = assertThrows(SyntaxException.class, () -> Units.parseRate(text));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1e308M|'1e308M' is too large to compute with (above 1.8e308)",
        "1e-400|'1e-400' is too small to compute with (below 2.2e-308)",
        "1e-310K|'1e-310K' is too small to compute with (below 2.2e-308)"
      })
  void count_overflowOrUnderflow_isRefused(String text, String message) {
    SyntaxException e = assertThrows(SyntaxException.class, () -> Units.parseCount(text));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "0e99999999999, 0", "0.0h, 0", "1e308h, 1e308", "2.3e-308, 2.3e-308"})
  void zeroAndTheEdgesOfTheRange_areAccepted(String text, double value) throws SyntaxException {
    double parsed =
        text.endsWith("h") ? Units.parseDuration(text) : Units.parseNumber(text, 0, "a number");
    assertEquals(value, parsed, 0.0);
  }

  @ParameterizedTest
  @CsvSource({
    "1000, 1000",
    "1e3, 1000",
    "100K, 100000",
    "2.5K, 2500",
    "1e6, 1000000",
    "1M, 1000000",
    "' 42 ', 42",
    "9223372036854775807, 9223372036854775807",
    "9223372036854775806, 9223372036854775806",
    "9.223372036854775807e18, 9223372036854775807"
  })
  void whole_countSyntax_isExact(String text, long value) throws SyntaxException {
    // 9223372036854775806 through a double would be 2^63 and out of range: parsed exactly.
    assertEquals(value, Units.parseWhole(text, 0, Long.MAX_VALUE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.5",
        "1e-3",
        "-1",
        "9223372036854775808",
        "2d",
        "many",
        "",
        "0x10",
        "1e99999999999",
        "1.0001K"
      })
  void whole_fractionalMalformedOrOutOfRange_isOneMessage(String text) {
    SyntaxException e =
        assertThrows(SyntaxException.class, () -> Units.parseWhole(text, 0, Long.MAX_VALUE));
    assertEquals(
        "must be a whole number from 0 to 9223372036854775807, got '" + text + "'", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"1d, 24", "24h, 24", "90m, 1.5", "24, 24", "1e3, 1000", "0, 0", "1w, 168"})
  void hours_durationOrBareNumberOfHours(String text, double hours) throws SyntaxException {
    assertEquals(hours, Units.parseHours(text), 0.0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2D|unknown time unit 'D' in '2D' (units: s, m, h, d, w, y; write 2d)",
        "10min|unknown time unit 'min' in '10min' (units: s, m, h, d, w, y; write 10m)",
        "10 minutes|unknown time unit 'minutes' in '10 minutes' (units: s, m, h, d, w, y; write 10m)",
        "10 minute|unknown time unit 'minute' in '10 minute' (units: s, m, h, d, w, y; write 10m)",
        "3 hrs|unknown time unit 'hrs' in '3 hrs' (units: s, m, h, d, w, y; write 3h)",
        "2 weeks|unknown time unit 'weeks' in '2 weeks' (units: s, m, h, d, w, y; write 2w)",
        "2f|unknown time unit 'f' in '2f' (units: s, m, h, d, w, y)",
        "10M|unknown time unit 'M' in '10M' (units: s, m, h, d, w, y)",
        "0x10|'0x10' is not a duration such as 24h, 90m or 1d, or a number of hours"
      })
  void hours_otherUnits_areRefused(String text, String message) {
    SyntaxException e = assertThrows(SyntaxException.class, () -> Units.parseHours(text));
    assertEquals(message, e.getMessage());
  }
}
