package io.firedrill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Turns JMH's JSON into the markdown table committed in {@code results/benchmarks/README.md}: the
 * machine, then per benchmark the median over every measured iteration of every fork (a noisy
 * shared machine makes the median the honest figure), JMH's mean with its 99.9 % error, the ratio
 * to the first row measured in the same run, and bytes allocated per trial.
 */
public final class BenchmarkTable {
  private BenchmarkTable() {}

  public static void main(String[] args) throws Exception {
    JsonNode runs = new ObjectMapper().readTree(new File(args[0]));
    String command = args.length > 1 ? args[1] : "benchmarks/run";
    StringBuilder b = new StringBuilder();
    b.append("# Kernel benchmarks\n\n");
    b.append("Made by `")
        .append(command.strip())
        .append(
            "` (JMH, `-prof gc`). One operation is one"
                + " trial of the model's one-year horizon on one core, so trials/s are trial-years per"
                + " second per core.\n\n");
    machine(b, runs.get(0));
    b.append(
        "| benchmark | model | median trials/s | mean ± 99.9 % | ratio to first row | bytes/trial |\n");
    b.append("|---|---|---:|---:|---:|---:|\n");
    double base = Double.NaN;
    for (JsonNode run : runs) {
      String name = run.path("benchmark").asText();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      String model = run.path("params").path("model").asText("-");
      JsonNode pm = run.path("primaryMetric");
      double median = median(run);
      if (Double.isNaN(base)) {
        base = median;
      }
      JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,.0f | %,.0f ± %,.0f | %.2f | %s |%n",
              name,
              model,
              median,
              pm.path("score").asDouble(),
              pm.path("scoreError").asDouble(),
              median / base,
              alloc.isMissingNode()
                  ? "-"
                  : String.format(Locale.ROOT, "%.4f", alloc.path("score").asDouble())));
    }
    System.out.print(b);
  }

  /** Appends the JDK, the cores and the forks and iterations of JMH run {@code first}. */
  static void machine(StringBuilder b, JsonNode first) {
    b.append("- JDK: ")
        .append(first.path("vmName").asText())
        .append(' ')
        .append(first.path("jdkVersion").asText())
        .append(" (")
        .append(first.path("vmVersion").asText())
        .append(")\n");
    b.append("- cores: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" (benchmark threads: ")
        .append(first.path("threads").asInt())
        .append(")\n");
    b.append("- forks × iterations: ")
        .append(first.path("forks").asInt())
        .append(" × ")
        .append(first.path("measurementIterations").asInt())
        .append(" of ")
        .append(first.path("measurementTime").asText())
        .append(", warm-up ")
        .append(first.path("warmupIterations").asInt())
        .append(" × ")
        .append(first.path("warmupTime").asText())
        .append("\n\n");
  }

  /**
   * The median of one benchmark's scores over every measured iteration of every fork (NaN: none).
   */
  static double median(JsonNode run) {
    List<Double> raw = new ArrayList<>();
    for (JsonNode fork : run.path("primaryMetric").path("rawData")) {
      for (JsonNode it : fork) {
        raw.add(it.asDouble());
      }
    }
    Collections.sort(raw);
    return raw.isEmpty()
        ? Double.NaN
        : raw.size() % 2 == 1
            ? raw.get(raw.size() / 2)
            : 0.5 * (raw.get(raw.size() / 2 - 1) + raw.get(raw.size() / 2));
  }
}
