package io.firedrill.report;

import io.firedrill.study.Sizing;
import io.firedrill.study.Target;
import io.firedrill.study.Vary;
import java.io.IOException;
import java.util.List;

/**
 * The {@code size} chart (docs/outputs.md, "Charts"): the target's statistic against the parameter
 * at every value the search visited, its 95 % interval as a band, the target as a dashed line and
 * the answer marked.
 */
public final class SizeChart {
  private SizeChart() {}

  /**
   * Writes {@code size.png} (or .svg) for {@code result}, the search of {@code range} for {@code
   * target}; returns a warning line if it could not be drawn.
   *
   * @throws IOException if the chart file cannot be written
   */
  public static List<String> write(
      Sizing.Result result,
      Target t,
      Vary range,
      Charts.Caption caption,
      Charts.Format format,
      AtomicFiles files)
      throws IOException {
    List<Sizing.Point> visited = result.visited();
    int n = visited.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    int i = 0;
    for (Sizing.Point p : visited) {
      x[i] = p.value().doubleValue();
      y[i] = p.estimate();
      lo[i] = p.low();
      hi[i] = p.high();
      i++;
    }
    String label = t.service() + " " + t.metric().csvName() + " " + t.stat();
    Sizing.Point answer = result.answer();
    return Charts.writeSize(
        new Charts.SizeChart(
            t + " — the estimate and its 95 % interval at each value visited",
            range.path() + (range.unit().isEmpty() ? "" : " (" + range.unit() + ")"),
            label,
            x,
            y,
            lo,
            hi,
            t.bound(),
            answer == null ? Double.NaN : answer.value().doubleValue()),
        caption,
        format,
        files);
  }
}
