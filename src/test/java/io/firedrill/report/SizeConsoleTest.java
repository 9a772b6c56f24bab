package io.firedrill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.study.Sizing;
import io.firedrill.study.Target;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console text of size: its warnings, from given points (no simulation). */
class SizeConsoleTest {
  // An answer inside the noise.

  @Test
  void noise_answerAndStepBelowStraddleTheTarget_saysSoAndHowManyTrialsWouldSeparateThem() {
    Target t = Target.parse("web.user_hours.p99 <= 135M", List.of("web"), false);
    Sizing.Point answer =
        new Sizing.Point(BigDecimal.valueOf(181), 133e6, 129e6, 140e6, true, 0, List.of());
    Sizing.Point below =
        new Sizing.Point(BigDecimal.valueOf(180), 136e6, 132e6, 143e6, false, 0, List.of());
    // Answer: half-width on the target's side 140 − 133 = 7, distance 2: 20,000 × (7/2)^2 =
    // 245,000. Below: 136 − 132 = 4 over 1: 20,000 × 16 = 320,000, the larger.
    assertEquals(
        "the intervals at the answer, [129000000, 140000000], and one step below, [132000000,"
            + " 143000000], contain the target 135000000: with 20,000 trials the answer may be off"
            + " by a step or more; about 320,000 trials (--trials) would put each clearly on its"
            + " side, or --conservative asks the interval's far bound to meet it",
        SizeConsole.noise(t, answer, below, 20_000));
    Sizing.Point clear =
        new Sizing.Point(BigDecimal.valueOf(181), 120e6, 118e6, 122e6, true, 0, List.of());
    Sizing.Point clearBelow =
        new Sizing.Point(BigDecimal.valueOf(180), 150e6, 148e6, 152e6, false, 0, List.of());
    assertEquals(null, SizeConsole.noise(t, clear, clearBelow, 20_000));
  }
}
