package io.firedrill.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firedrill.stats.Metric;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A target's value is read in the model's syntax and the metric's unit. */
class TargetTest {
  static final List<String> SERVICES = List.of("talk", "web");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "web.recover_h.p99 <= 1d|RECOVER_H|24",
        "web.recover_h.p99 <= 24h|RECOVER_H|24",
        "web.recover_h.p99 <= 90m|RECOVER_H|1.5",
        "web.recover_h.p99 <= 24|RECOVER_H|24",
        "web.downtime_h.mean <= 1e3|DOWNTIME_H|1000",
        "web.longest_h.max <= 2w|LONGEST_H|336",
        "web.user_hours.p99 <= 10M|USER_HOURS|10000000",
        "web.user_hours.p99 <= 2.5K|USER_HOURS|2500",
        "web.user_hours.p99 <= 1e6|USER_HOURS|1000000",
        "web.outages.mean <= 3|OUTAGES|3",
        "web.rto_breach.mean <= 0.05|RTO_BREACH|0.05",
        "web.recovered.mean >= 0.99|RECOVERED|0.99",
        "WEB.RECOVER_H.P99 <= 1d|RECOVER_H|24",
        "  talk.user_hours.p999   >=   1M  |USER_HOURS|1000000"
      })
  void value_inTheMetricsUnit_isItsBound(String text, Metric metric, double bound) {
    Target t = Target.parse(text, SERVICES, true);
    assertEquals(metric, t.metric());
    assertEquals(bound, t.bound(), 0.0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "web.recover_h.p99 <= 2D|--target: unknown time unit 'D' in '2D' (units: s, m, h, d, w, y; write 2d);"
            + " recover_h takes a duration such as 24h, 90m or 1d, or a number of hours",
        "web.recover_h.p99 <= 2f|--target: unknown time unit 'f' in '2f' (units: s, m, h, d, w, y);"
            + " recover_h takes a duration such as 24h, 90m or 1d, or a number of hours",
        "web.recover_h.p99 <= 10M|--target: unknown time unit 'M' in '10M' (units: s, m, h, d, w,"
            + " y); recover_h takes a duration such as 24h, 90m or 1d, or a number of hours",
        "web.user_hours.p99 <= 10m|--target: '10m' is not a number such as 2000, 12K or 48M;"
            + " user_hours takes a count such as 1000, 2.5K, 10M or 1e6",
        "web.user_hours.p99 <= 1d|--target: '1d' is not a number such as 2000, 12K or 48M;"
            + " user_hours takes a count such as 1000, 2.5K, 10M or 1e6",
        "web.recovered.mean >= 1.5|--target: '1.5' is above 1; recovered takes a probability between"
            + " 0 and 1",
        "web.rto_breach.mean <= 5%|--target: '5%' is not a number; rto_breach takes a probability"
            + " between 0 and 1",
        "web.downtime_h.mean <= -1|--target: '-1' is below 0; downtime_h takes a duration such as"
            + " 24h, 90m or 1d, or a number of hours",
        "web.outages.mean <= 0x10|--target: '0x10' is not a number such as 2000, 12K or 48M; outages"
            + " takes a count such as 1000, 2.5K, 10M or 1e6",
        "web.user_hours.mean <= 1e999|--target: '1e999' is too large to compute with (above"
            + " 1.8e308); user_hours takes a count such as 1000, 2.5K, 10M or 1e6"
      })
  void value_outsideTheMetricsSyntax_isOneLine(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Target.parse(text, SERVICES, true));
    assertEquals(message, e.getMessage());
  }
}
