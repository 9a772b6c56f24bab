package io.firedrill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Console proportions: never "1" for a value below 1 (the console shows 4 significant digits). */
class NumbersTest {
  @ParameterizedTest(name = "{0} with {1} digits: {2}")
  @CsvSource({
    "0.99999, 4, 0.99999",
    "0.9999, 4, 0.9999",
    "0.99994, 4, 0.9999",
    "0.99996, 4, 0.99996",
    "0.999999999, 6, 0.999999999",
    "0.5, 4, 0.5",
    "1, 4, 1",
    "0, 4, 0",
    "1e-7, 3, 1E-7",
    "0.123456, 3, 0.123"
  })
  void aProportionBelowOne_neverShowsAsOne(double p, int digits, String shown) {
    assertEquals(shown, Numbers.proportion(p, digits));
  }
}
