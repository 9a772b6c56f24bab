package io.firedrill.report;

import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

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

  /**
   * A printer of {@link #FORMAT} on {@code out} that has written the header row {@code header};
   * closing it closes {@code out}.
   *
   * @throws IOException if the header cannot be written
   */
  static CSVPrinter printer(Writer out, String... header) throws IOException {
    return new CSVPrinter(out, FORMAT.builder().setHeader(header).get());
  }
}
