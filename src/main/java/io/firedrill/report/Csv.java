package io.firedrill.report;

import org.apache.commons.csv.CSVFormat;

/**
 * What every CSV file of docs/outputs.md shares: the format and the name of the row of totals.
 *
 * <p>Every figure goes through {@link Numbers}, so files are the same bytes for the same results
 * and never hold NaN or Infinity.
 */
public final class Csv {
  /** RFC 4180 with a header row and {@code \n} line ends, the same on every platform. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private Csv() {}
}
