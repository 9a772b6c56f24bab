package io.firedrill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.image.BufferedImage;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * A chart the library cannot draw never aborts a finished run: it is left out with one warning
 * naming it, and the CSV files and run.json are committed.
 */
class ChartFailureTest {
  @TempDir Path tmp;

  static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static XYChart small() {
    XYChart c = Charts.base("a chart", "x", "y");
    c.addSeries("s", new double[] {1, 2, 3}, new double[] {1, 4, 9});
    return c;
  }

  @Test
  void chartThatFailsToDraw_isLeftOutWithOneWarning_andTheRestIsCommitted() throws Exception {
    Path out = tmp.resolve("X");
    List<String> warnings;
    try (AtomicFiles files = AtomicFiles.prepare(out)) {
      try (Writer w = files.open("summary.csv")) {
        w.write("service,metric\n");
      }
      warnings =
          Charts.drawAll(
              List.of(
                  new Charts.Named("good", ChartFailureTest::small),
                  new Charts.Named(
                      "broken",
                      () -> {
                        throw new IllegalArgumentException(
                            "Series data cannot be less or equal to zero for a logarithmic"
                                + " X-Axis!!!");
                      }),
                  new Charts.Named("also-good", ChartFailureTest::small)),
              new Charts.Caption("model · run · 10 trials of 1y", List.of()),
              Charts.Format.PNG,
              files);
      try (Writer w = files.open("run.json")) {
        w.write("{}\n");
      }
      files.commit();
    }
    assertEquals(
        List.of(
            "warning: chart broken.png could not be drawn (Series data cannot be less or equal to"
                + " zero for a logarithmic X-Axis!!!); it is left out, the other files are"
                + " complete"),
        warnings);
    assertEquals(
        List.of(".firedrill", "also-good.png", "good.png", "run.json", "summary.csv"), names(out));
  }

  @Test
  void overrides_goInALineUnderTheChart_ofTheSameSize() throws Exception {
    Charts.Caption plain = new Charts.Caption("m · run · 10 trials of 1y", List.of());
    Charts.Caption variant =
        new Charts.Caption(
            "m · run · ops-in-anyang · 10 trials of 1y",
            List.of("services.ops.deploy={pangyo: 100, anyang: 100}", "seed=3"));
    assertNull(plain.footer());
    assertEquals(
        "with  --set services.ops.deploy={pangyo: 100, anyang: 100}  --set seed=3",
        variant.footer());
    Path out = tmp.resolve("Y");
    try (AtomicFiles files = AtomicFiles.prepare(out)) {
      for (Charts.Format f : List.of(Charts.Format.PNG, Charts.Format.SVG)) {
        assertEquals(
            List.of(),
            Charts.drawAll(
                List.of(new Charts.Named("variant", ChartFailureTest::small)), variant, f, files));
      }
      files.commit();
    }
    BufferedImage png = ImageIO.read(out.resolve("variant.png").toFile());
    assertEquals(Charts.WIDTH, png.getWidth());
    assertEquals(Charts.HEIGHT, png.getHeight());
    // The footer is drawn: dark pixels in the bottom strip, left of the middle.
    int dark = 0;
    for (int x = 24; x < Charts.WIDTH / 2; x++) {
      for (int y = Charts.HEIGHT - 36; y < Charts.HEIGHT - 4; y++) {
        dark += (png.getRGB(x, y) & 0xff) < 0x80 ? 1 : 0;
      }
    }
    assertEquals(true, dark > 200, "dark pixels in the footer: " + dark);
    String svg = Files.readString(out.resolve("variant.svg"));
    assertEquals(true, svg.contains("width=\"1600") && svg.contains("height=\"1000"), svg);
  }
}
