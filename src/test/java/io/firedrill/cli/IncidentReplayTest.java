package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The incident gallery (docs/incidents/): each page's replay still gives what the page says.
 *
 * <p>Calibration guards, not validation: each runs the first {@code scenario} command of a page's
 * "Reproduce" block exactly as written (into a temporary folder instead of its {@code --out}) and
 * checks that the line the command prints about the observed points (how many lie inside the
 * simulated p10–p90 band, out of sample and fitted apart) is the one the page quotes. A change to
 * the engine or the model that moves a replay fails here until the page is regenerated and its
 * figures re-read. Same model, seed and trials give the same bytes, so the line is exact; the check
 * is that the model still reproduces what it was built to reproduce (and what the page reports),
 * not that it predicts incidents.
 */
class IncidentReplayTest {
  private static final Path PAGES = Path.of("docs", "incidents");

  static Stream<String> pages() throws IOException {
    try (Stream<Path> files = Files.list(PAGES)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".md") && !n.equals("README.md") && !n.equals("sources.md"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("pages")
  void replay_printsTheAgreementItsPageQuotes(String page, @TempDir Path tmp) throws Exception {
    String text = Files.readString(PAGES.resolve(page));
    List<String> command = firstScenario(text, page);
    assertTrue(command.contains("--observed"), page + ": the replay compares observed points");
    int out = command.indexOf("--out");
    assertTrue(out > 0, page + ": the replay names its --out");
    command.set(out + 1, tmp.resolve("out").toString());
    Cli.Result r = Cli.run(command.toArray(new String[0]));
    assertEquals(0, r.code(), () -> page + ": " + String.join(" ", command) + "\n" + r);
    String line =
        r.out()
            .lines()
            .filter(l -> l.startsWith("observed: "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(page + ": no observed line\n" + r));
    assertTrue(
        text.contains(line), page + " should quote the line the replay prints now:\n" + line);
    assertTrue(Files.exists(tmp.resolve("out/observed.csv")));
  }

  @org.junit.jupiter.api.Test
  void theReadme_carriesTheGallerysIndexTable() throws IOException {
    // The index table of docs/incidents/README.md, with its links made relative to the top.
    String readme = Files.readString(Path.of("README.md"));
    List<String> rows =
        Files.readString(PAGES.resolve("README.md"))
            .lines()
            .filter(l -> l.startsWith("|"))
            .map(l -> l.replaceAll("\\]\\(([a-z0-9-]+\\.md)\\)", "](docs/incidents/$1)"))
            .toList();
    assertTrue(rows.size() >= 9, "an index table of seven incidents: " + rows.size());
    for (String row : rows) {
      assertTrue(readme.contains(row), "README.md should carry the gallery's row:\n" + row);
    }
  }

  /**
   * The arguments after {@code java -jar target/firedrill.jar} of the first line of a fenced {@code
   * bash} block that runs {@code scenario}, split as a shell would (double and single quotes, no
   * expansion).
   */
  static List<String> firstScenario(String page, String name) {
    boolean inBash = false;
    for (String line : page.split("\n", -1)) {
      if (line.startsWith("```")) {
        inBash = !inBash && line.trim().equals("```bash");
        continue;
      }
      String prefix = "java -jar target/firedrill.jar scenario ";
      if (inBash && line.startsWith(prefix)) {
        List<String> args = split(line.substring("java -jar target/firedrill.jar ".length()));
        assertFalse(line.endsWith("\\"), name + ": write the replay on one line");
        return args;
      }
    }
    throw new AssertionError(name + ": no `java -jar target/firedrill.jar scenario` line in bash");
  }

  private static List<String> split(String line) {
    List<String> args = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean any = false;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        any = true;
      } else if (c == ' ') {
        if (any) {
          args.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
        any = true;
      }
    }
    assertEquals(0, quote, "an unclosed quote in: " + line);
    if (any) {
      args.add(cur.toString());
    }
    return args;
  }
}
