package org.knowm.xchart.internal.chartpart;

import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * The tick labels XChart actually draws on a chart's x axis, for tests of the time axis: XChart 3.8
 * keeps them in package-private parts, so this probe lives in their package (test code only).
 */
public final class TickProbe {
  private TickProbe() {}

  /** Lays the chart out (by drawing it once) and returns the labels of its x-axis ticks. */
  public static List<String> xTickLabels(XYChart chart) {
    BitmapEncoder.getBufferedImage(chart);
    Chart<?, ?> c = chart;
    return List.copyOf(c.getXAxis().getAxisTickCalculator().getTickLabels());
  }
}
