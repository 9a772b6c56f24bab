package io.firedrill.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.bench.KernelBenchmark;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.RunStats;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The counting run of {@code benchmarks/floor}: for each model, trials 0 to N − 1 of seed SEED on
 * this thread, exactly as {@code KernelBenchmark} runs them (blocks of {@link
 * TrialRunner#BLOCK_TRIALS} into statistics cleared for each), and what they drew ({@link
 * DrawCounts}): trial keys, reseeds, words, the kernel's own uniforms and sampler calls by kind, in
 * total over the N trials. It lives in the engine's package to read those package-private counts.
 *
 * <p>Usage, from the checkout's root, with the class path of {@code benchmarks/run}: {@code java
 * -Dfiredrill.countDraws=true -cp ... io.firedrill.engine.DrawCountRun OUT.json N SEED MODEL...}, a
 * MODEL named as KernelBenchmark's {@code model} parameter ({@code three-site-example}, {@code
 * benchmarks/models/two-of-three}). It writes OUT.json: per model its name, horizon in hours,
 * hazards, trials, and the counts; and it prints the sampler kinds that drew any number,
 * comma-separated (the kinds whose cost the floor needs).
 */
public final class DrawCountRun {
  private DrawCountRun() {}

  public static void main(String[] args) throws Exception {
    if (!DrawCounts.ON) {
      System.err.println("draws are not counted: run with -Dfiredrill.countDraws=true");
      System.exit(2);
    }
    if (args.length < 4) {
      System.err.println("usage: DrawCountRun OUT.json TRIALS SEED MODEL...");
      System.exit(2);
    }
    long trials = Long.parseLong(args[1]);
    long seed = Long.parseLong(args[2]);
    ObjectMapper json = new ObjectMapper();
    ArrayNode out = json.createArrayNode();
    Set<String> drawing = new TreeSet<>();
    for (int i = 3; i < args.length; i++) {
      ObjectNode m = count(json, args[i], trials, seed);
      out.add(m);
      m.get("sampleWords")
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().asLong() > 0) {
                  drawing.add(e.getKey());
                }
              });
    }
    json.writerWithDefaultPrettyPrinter().writeValue(new File(args[0]), out);
    // The sampler kinds that drew numbers, for DrawBenchmark's kind parameter.
    System.out.println(String.join(",", drawing));
  }

  /** Counts what {@code trials} trials of {@code model} draw; the counts as one JSON object. */
  static ObjectNode count(ObjectMapper json, String model, long trials, long seed)
      throws Exception {
    Plan plan = Plan.compile(ModelLoader.load(KernelBenchmark.modelFile(model), List.of()).model());
    Kernel kernel = new Kernel(plan, seed);
    RunStats stats = new RunStats(plan, 0);
    DrawCounts.reset();
    for (long first = 0; first < trials; first += TrialRunner.BLOCK_TRIALS) {
      stats.clear(0);
      int n = (int) Math.min(TrialRunner.BLOCK_TRIALS, trials - first);
      TrialRunner.runTrials(kernel, plan, first, n, stats, null);
    }
    ObjectNode m = json.createObjectNode();
    m.put("model", model);
    m.put("horizonHours", plan.horizonHours);
    m.put("hazards", plan.hazards);
    m.put("trials", trials);
    m.put("seed", seed);
    m.put("trialKeys", DrawCounts.trialKeys);
    m.put("reseeds", DrawCounts.reseeds);
    m.put("words", DrawCounts.words);
    m.put("uniforms", DrawCounts.uniforms);
    ObjectNode samples = m.putObject("samples");
    ObjectNode sampleWords = m.putObject("sampleWords");
    for (int k = 0; k < DrawCounts.KINDS; k++) {
      if (DrawCounts.samples[k] > 0) {
        samples.put(DrawCounts.kindName(k), DrawCounts.samples[k]);
        sampleWords.put(DrawCounts.kindName(k), DrawCounts.sampleWords[k]);
      }
    }
    return m;
  }
}
