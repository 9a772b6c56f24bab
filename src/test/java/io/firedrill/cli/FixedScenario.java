package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * A scenario of a model with fixed durations, for the exact end-to-end tests: {@code yaml} written
 * to {@code tmp/m.yaml}, each of {@code events} an {@code --event}, no background, 10 trials (all
 * alike), results in {@code tmp/out}.
 */
final class FixedScenario {
  private FixedScenario() {}

  /** Runs it (exit 0 or the test fails) and returns its summary.csv and causes.csv. */
  static Result run(Path tmp, String yaml, String... events) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    List<String> args = new ArrayList<>(List.of("scenario", m.toString()));
    for (String e : events) {
      args.addAll(List.of("--event", e));
    }
    args.addAll(
        List.of("--background", "off", "--trials", "10", "--out", tmp.resolve("out").toString()));
    Cli.Result r = Cli.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r::toString);
    return new Result(
        ScenarioCommandTest.csv(tmp.resolve("out/summary.csv")),
        ScenarioCommandTest.csv(tmp.resolve("out/causes.csv")));
  }

  /** The rows of summary.csv and causes.csv. */
  record Result(List<CSVRecord> summary, List<CSVRecord> causes) {
    /** The mean of {@code metric} for {@code service}. */
    double mean(String service, String metric) {
      return ScenarioCommandTest.value(ScenarioCommandTest.row(summary, service, metric), "mean");
    }

    /** causes.csv as "service cause outages" lines. */
    List<String> causeLines() {
      return SeveralFeedsTest.causeLines(causes);
    }
  }
}
