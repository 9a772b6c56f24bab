package io.firedrill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code results/benchmarks/floor.md} from the counting run ({@code
 * io.firedrill.engine.DrawCountRun}'s JSON) and one JMH run of {@link DrawBenchmark} and {@link
 * KernelBenchmark} ({@code benchmarks/floor}).
 *
 * <p>A model's random-number floor is the time its draws alone take per trial: Σ over the kinds of
 * draw of (calls per trial, counted) × (ns per call, the median of DrawBenchmark). The kinds are a
 * trial key (one Philox4x64-10 evaluation), a reseed (a substream started: two SplitMix64
 * finalizers), a uniform the kernel draws itself ({@code nextDouble}), and one call of a sampler of
 * each kind, which includes the words it takes from the stream; a word is therefore counted once,
 * in its sampler or as a uniform. Samplers that take no word (fixed, never) cost nothing here. The
 * words-only floor counts every word at the cost of a bare {@code nextLong} instead: what the draws
 * would cost with free transforms. The kernel's time per trial is 10⁹ over its median trials per
 * second; kernel / floor is how many times the draws alone a trial takes.
 */
public final class FloorTable {
  private FloorTable() {}

  private static final double HOURS_PER_YEAR = 8760;

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode counts = json.readTree(new File(args[0]));
    JsonNode runs = json.readTree(new File(args[1]));
    String command = args.length > 2 ? args[2].strip() : "benchmarks/floor";

    // ns per call by primitive (trialKey, reseed, nextLong, uniform) and by sampler kind, apart:
    // the primitive uniform (the kernel's own nextDouble) and the sampler kind uniform share a
    // name.
    Map<String, Double> ns = new HashMap<>();
    Map<String, Double> sampleNs = new HashMap<>();
    Map<String, Double> trialsPerSecond = new HashMap<>();
    for (JsonNode run : runs) {
      String name = run.path("benchmark").asText();
      name = name.substring(name.lastIndexOf('.') + 1);
      if (run.path("benchmark").asText().endsWith("KernelBenchmark.trials")) {
        trialsPerSecond.put(run.path("params").path("model").asText(), BenchmarkTable.median(run));
      } else if (name.equals("sample")) {
        sampleNs.put(run.path("params").path("kind").asText(), BenchmarkTable.median(run));
      } else {
        ns.put(name, BenchmarkTable.median(run));
      }
    }

    // Every sampler kind any model calls, in the order first met.
    Set<String> kinds = new LinkedHashSet<>();
    for (JsonNode m : counts) {
      m.path("samples").fieldNames().forEachRemaining(kinds::add);
    }

    StringBuilder b = new StringBuilder();
    b.append("# The random-number floor\n\n");
    b.append("Made by `").append(command).append("`: ");
    JsonNode c0 = counts.get(0);
    b.append(
        String.format(
            Locale.ROOT,
            "a counting run (trials 0 to %,d of seed %d on one thread, as KernelBenchmark runs"
                + " them, `-Dfiredrill.countDraws=true`), then one JMH run of DrawBenchmark (ns per"
                + " call) and KernelBenchmark (trials per second) side by side. A model's floor is"
                + " Σ draws per trial × ns per call; kernel / floor is how many times the draws"
                + " alone a trial of the kernel takes. Medians over every measured iteration."
                + " Trial-years per second are per core.\n\n",
            c0.path("trials").asLong() - 1,
            c0.path("seed").asLong()));
    BenchmarkTable.machine(b, runs.get(0));

    b.append("| model | floor ns/trial | words-only floor | kernel ns/trial | kernel / floor |");
    b.append(" kernel trial-years/s | trial-years/s at the floor |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|\n");
    List<String[]> parts = new ArrayList<>();
    for (JsonNode m : counts) {
      String model = m.path("model").asText();
      double trials = m.path("trials").asDouble();
      double keys = m.path("trialKeys").asDouble() / trials * get(ns, "trialKey");
      double reseeds = m.path("reseeds").asDouble() / trials * get(ns, "reseed");
      double uniforms = m.path("uniforms").asDouble() / trials * get(ns, "uniform");
      double samplers = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = m.path("samples").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (m.path("sampleWords").path(e.getKey()).asLong() > 0) {
          samplers += e.getValue().asDouble() / trials * get(sampleNs, e.getKey());
        }
      }
      double floor = keys + reseeds + uniforms + samplers;
      double wordsOnly = keys + reseeds + m.path("words").asDouble() / trials * get(ns, "nextLong");
      Double tps = trialsPerSecond.get(model);
      double kernel = tps == null ? Double.NaN : 1e9 / tps;
      double years = m.path("horizonHours").asDouble() / HOURS_PER_YEAR;
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %,.0f | %,.0f | %.1f | %,.0f | %,.0f |%n",
              model,
              floor,
              wordsOnly,
              kernel,
              kernel / floor,
              tps == null ? Double.NaN : tps * years,
              1e9 / floor * years));
      parts.add(
          new String[] {
            model,
            String.format(Locale.ROOT, "%,.0f", keys),
            String.format(Locale.ROOT, "%,.0f", reseeds),
            String.format(Locale.ROOT, "%,.0f", uniforms),
            String.format(Locale.ROOT, "%,.0f", samplers)
          });
    }

    b.append("\nThe floor by part, ns per trial:\n\n");
    b.append("| model | trial keys | reseeds | kernel's uniforms | samplers |\n");
    b.append("|---|---:|---:|---:|---:|\n");
    for (String[] p : parts) {
      b.append("| ").append(String.join(" | ", p)).append(" |\n");
    }

    b.append("\nDraws per trial (counting run):\n\n");
    b.append("| model | trial keys | reseeds | words | kernel's uniforms |");
    for (String k : kinds) {
      b.append(' ').append(k).append(" |");
    }
    b.append("\n|---|---:|---:|---:|---:|");
    b.append("---:|".repeat(kinds.size())).append('\n');
    for (JsonNode m : counts) {
      double trials = m.path("trials").asDouble();
      b.append("| ").append(m.path("model").asText());
      for (String f : new String[] {"trialKeys", "reseeds", "words", "uniforms"}) {
        b.append(String.format(Locale.ROOT, " | %.3f", m.path(f).asDouble() / trials));
      }
      for (String k : kinds) {
        JsonNode n = m.path("samples").path(k);
        b.append(
            n.isMissingNode()
                ? " | -"
                : String.format(Locale.ROOT, " | %.3f", n.asDouble() / trials));
      }
      b.append(" |\n");
    }

    b.append("\nCost per call (DrawBenchmark) and words per call (counting run, all models):\n\n");
    b.append("| draw | what it is | ns per call | words per call |\n");
    b.append("|---|---|---:|---:|\n");
    row(b, "trialKey", "a trial's key: one Philox4x64-10 evaluation", get(ns, "trialKey"), "0");
    row(b, "reseed", "a substream started: two SplitMix64 finalizers", get(ns, "reseed"), "0");
    row(b, "nextLong", "a 64-bit word of xoroshiro128++", get(ns, "nextLong"), "1");
    row(b, "uniform", "a uniform in [0, 1) the kernel draws itself", get(ns, "uniform"), "1");
    for (String k : kinds) {
      long calls = 0;
      long words = 0;
      for (JsonNode m : counts) {
        calls += m.path("samples").path(k).asLong();
        words += m.path("sampleWords").path(k).asLong();
      }
      String perCall = String.format(Locale.ROOT, "%.4f", (double) words / calls);
      if (words == 0) {
        row(b, "sampler " + k, "a call of the " + k + " sampler, which takes no word", 0, perCall);
      } else {
        row(b, "sampler " + k, "a call of the " + k + " sampler", get(sampleNs, k), perCall);
      }
    }
    System.out.print(b);
  }

  private static void row(StringBuilder b, String draw, String what, double ns, String words) {
    b.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s |%n", draw, what, ns, words));
  }

  /**
   * The median ns per call of {@code draw}; fails, naming it, if the JMH run did not measure it.
   */
  private static double get(Map<String, Double> ns, String draw) {
    Double v = ns.get(draw);
    if (v == null) {
      throw new IllegalArgumentException("draw not measured by DrawBenchmark: " + draw);
    }
    return v;
  }
}
