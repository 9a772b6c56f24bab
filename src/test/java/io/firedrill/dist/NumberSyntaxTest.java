package io.firedrill.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
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
        "1e-99999999999m|'1e-99999999999m' is too small to compute with",
        "1e99999999999m|'1e99999999999m' is too large to compute with"
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

  /** 64 ones and the cut: what a message quotes of a long run of digits. */
  private static final String ONES_QUOTED = "'" + "1".repeat(64) + "…'";

  /**
   * A long run of digits with a bad end took time quadratic in its length (a regular expression
   * backtracked: 120,000 digits and an x as --trials took 146 s). Now one scan, and anything longer
   * than 100 characters is refused before it is converted; 10 s is generous for milliseconds.
   */
  @Test
  void longDigitRun_isRefusedInLinearTime_quotingSixtyFourCharacters() {
    String ones = "1".repeat(200_000);
    String zeros = "0".repeat(200_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertEquals(
              ONES_QUOTED + " is not a number (longer than 100 characters)",
              refusal(() -> Units.parseNumber(ones + "x", 0, "a number")));
          assertEquals(
              ONES_QUOTED + " is not a number (longer than 100 characters)",
              refusal(() -> Units.parseNumber(ones, 0, "a number")));
          assertEquals(
              "must be a whole number from 1 to 1099511627776, got " + ONES_QUOTED,
              refusal(() -> Units.parseWhole(ones + "x", 1, 1L << 40)));
          assertEquals(
              "unknown time unit 'xh' in " + ONES_QUOTED + " (units: s, m, h, d, w, y)",
              refusal(() -> Units.parseDuration(ones + "xh")));
          assertEquals(
              ONES_QUOTED + " is not a duration (longer than 100 characters)",
              refusal(() -> Units.parseDuration(ones + "h")));
          assertEquals(
              "'" + "0".repeat(64) + "…' is not a duration (longer than 100 characters)",
              refusal(() -> Units.parseDuration(zeros + "h")));
          assertEquals(
              "unknown time unit 'xh' in '" + "0".repeat(64) + "…' (units: s, m, h, d, w, y)",
              refusal(() -> Units.parseDuration(zeros + "xh")));
          assertEquals(
              ONES_QUOTED
                  + " is not a number such as 2000, 12K or 48M (longer than 100 characters)",
              refusal(() -> Units.parseCount(ones + "K")));
          assertEquals(
              ONES_QUOTED + " is not a rate (longer than 100 characters)",
              refusal(() -> Units.parseRate(ones + "/y")));
        });
  }

  @Test
  void numberOf100Characters_isRead_andOf101_isRefused() throws SyntaxException {
    String hundred = "1" + "0".repeat(99);
    assertEquals(1e99, Units.parseNumber(hundred, 0, "a number"), 0.0);
    assertEquals(
        "'1" + "0".repeat(63) + "…' is not a number (longer than 100 characters)",
        refusal(() -> Units.parseNumber(hundred + "0", 0, "a number")));
  }

  /** BigDecimal and Double read digits of every script; the model syntax only 0 to 9. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "number|٣|'٣' is not a number (digits are 0 to 9 only)",
        "number|１２|'１２' is not a number (digits are 0 to 9 only)",
        "number|1٣|'1٣' is not a number (digits are 0 to 9 only)",
        "count|٣K|'٣K' is not a number such as 2000, 12K or 48M (digits are 0 to 9 only)",
        "duration|٣h|'٣h' is not a duration (digits are 0 to 9 only)",
        "rate|٣/y|'٣/y' is not a rate (digits are 0 to 9 only)",
        "whole|٣|must be a whole number from 0 to 10, got '٣'"
      })
  void digitsOfOtherScripts_areRefused(String kind, String text, String message) {
    assertEquals(message, refusal(() -> parse(kind, text)));
  }

  /** Messages quote the whole value as typed, not the part left after a unit was taken off. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "count|1MM|'1MM' is not a number such as 2000, 12K or 48M",
        "count|1 K|'1 K' is not a number such as 2000, 12K or 48M (write K right after the number)",
        "count|2.5 M|'2.5 M' is not a number such as 2000, 12K or 48M (write M right after the"
            + " number)",
        "duration|1x5h|'1x5h' is not a duration",
        "rate|abc/y|'abc/y' is not a rate",
        "hours|NaN|'NaN' is not a number (a duration is a number and a unit: 15m, 4h or 2d)",
        "hours|Infinity|'Infinity' is not a number (a duration is a number and a unit: 15m, 4h or"
            + " 2d)",
        "hours|-Infinity|'-Infinity' is not a number (a duration is a number and a unit: 15m, 4h"
            + " or 2d)",
        "duration|NaN|'NaN' is not a number (a duration is a number and a unit: 15m, 4h or 2d)",
        "count|NaN|'NaN' is not a number such as 2000, 12K or 48M"
      })
  void messages_quoteTheWholeValue(String kind, String text, String message) {
    assertEquals(message, refusal(() -> parse(kind, text)));
  }

  /** A control character in a value is shown escaped, so that the message stays one line. */
  /** Values copied from a web page carry no-break spaces; they are blanks like spaces. */
  @Test
  void noBreakSpacesAroundAValue_areBlanks() throws SyntaxException {
    assertEquals(0.25, Units.parseDuration("\u00a015m\u202f"), 0.0);
    assertEquals(1.0 / 8760, Units.parseRate("1/y\u00a0"), 1e-18);
    assertEquals(2000, Units.parseCount("\u00a02K\u00a0"), 0.0);
    assertEquals(3, Units.parseWhole("3\u00a0", 1, 10));
    assertEquals(
        new LogNormal(1, 2),
        DistributionParser.parse("lognormal(median=\u00a01h,\u00a0p90=2h\u00a0)"));
    assertEquals(
        new LogNormal(1, 2), DistributionParser.parse("lognormal(median=1h, p90=2h)\u202f"));
    assertEquals(
        "'2\u00a0K' is not a number such as 2000, 12K or 48M (write K right after the number)",
        refusal(() -> Units.parseCount("2\u00a0K")));
  }

  @Test
  void controlCharacters_inAValue_areEscapedInTheMessage() {
    assertEquals(
        "'1\\n2' is not a number", refusal(() -> Units.parseNumber("1\n2", 0, "a number")));
    assertEquals(
        "'1\\e[2J' is not a number such as 2000, 12K or 48M",
        refusal(() -> Units.parseCount("1\u001b[2J")));
    assertEquals(
        "unknown rate unit '/y\\tx' (use /y, /d or /h)", refusal(() -> Units.parseRate("1/y\tx")));
  }

  private static double parse(String kind, String text) throws SyntaxException {
    return switch (kind) {
      case "number" -> Units.parseNumber(text, 0, "a number");
      case "count" -> Units.parseCount(text);
      case "duration" -> Units.parseDuration(text);
      case "rate" -> Units.parseRate(text);
      case "hours" -> Units.parseHours(text);
      case "whole" -> Units.parseWhole(text, 0, 10);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  interface Parse {
    Object run() throws SyntaxException;
  }

  private static String refusal(Parse p) {
    return assertThrows(SyntaxException.class, p::run).getMessage();
  }

  @Test
  void durationWithoutUnit_suggestsTheNumberWithHours_onlyWhenItIsAPlainNumber() {
    SyntaxException plain = assertThrows(SyntaxException.class, () -> Units.parseDuration("15"));
    assertEquals(
        "duration '15' has no unit (write for example 15h; units: s, m, h, d, w, y)",
        plain.getMessage());
    // '50%' + 'h' would be no duration either: the example falls back to 24h.
    SyntaxException percent = assertThrows(SyntaxException.class, () -> Units.parseDuration("50%"));
    assertEquals(
        "duration '50%' has no unit (write for example 24h; units: s, m, h, d, w, y)",
        percent.getMessage());
  }
}
