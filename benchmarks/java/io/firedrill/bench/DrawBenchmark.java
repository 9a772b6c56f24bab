package io.firedrill.bench;

import io.firedrill.dist.Distribution;
import io.firedrill.dist.DistributionParser;
import io.firedrill.engine.StreamKeys;
import io.firedrill.engine.TrialStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of each random-number primitive the kernel calls, in ns per call, for the floor of
 * {@code benchmarks/floor}: a trial key (one Philox4x64-10 evaluation, {@link
 * StreamKeys#startTrial}), a reseed ({@link StreamKeys#reseed}: two SplitMix64 finalizers into a
 * {@link TrialStream}), a word of xoroshiro128++ ({@link TrialStream#nextLong}), a uniform in [0,
 * 1) ({@link TrialStream#nextDouble}), and one call of a sampler of each kind (the {@code kind}
 * parameter of {@link Kind}), built as the kernel builds it, on a {@link TrialStream}.
 *
 * <p>A kind is a family, with {@code -lb} for its length-biased sampler and {@code -skip} for its
 * skip sampler ({@link Distribution}); each family has one realistic parameter ({@link #FAMILIES}).
 * The cost of a Ziggurat sampler does not depend on its parameter; a gamma's depends on whether its
 * shape is below 1 (another algorithm), and a Weibull of shape 1 saves a {@code pow}.
 *
 * <p>Every input is a field of the state and every result is returned (JMH sinks it), so nothing is
 * folded or left out; a call's cost in this loop, where nothing else competes for the core's units,
 * is a lower bound of its cost inside a trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class DrawBenchmark {
  /** One distribution per family, with parameters like those of the shipped models. */
  static final Map<String, String> FAMILIES =
      Map.of(
          "exponential", "exponential(mean=5000h)",
          "lognormal", "lognormal(median=1h, p90=4h)",
          "weibull", "weibull(shape=1.5, scale=1000h)",
          "gamma", "gamma(shape=2, mean=10h)",
          "uniform", "uniform(12h, 72h)",
          "triangular", "triangular(min=1h, mode=2h, max=8h)",
          "fixed", "fixed(3h)");

  private StreamKeys keys;
  private TrialStream stream;

  /** The trial whose key {@link #trialKey} computes next (a new one each call). */
  private long trial;

  /** The trial {@link #reseed} reseeds in: keyed once, so a reseed costs no Philox evaluation. */
  private long keyedTrial;

  /** The source of {@link #reseed}, and its draw number (a new one each call). */
  private long source;

  private long n;

  @Setup
  public void setUp() throws Exception {
    keys = new StreamKeys(42);
    stream = new TrialStream();
    keyedTrial = 7;
    keys.startTrial(keyedTrial);
    source = 0x1234_5678_9ABC_DEF0L;
    keys.reseed(stream, keyedTrial, source, 0);
  }

  /**
   * The sampler of {@link #sample}: a state of its own, so that its {@code kind} parameter
   * multiplies only that benchmark.
   */
  @State(Scope.Thread)
  public static class Kind {
    @Param({
      "exponential",
      "exponential-lb",
      "lognormal",
      "lognormal-lb",
      "lognormal-skip",
      "weibull",
      "weibull-lb",
      "gamma",
      "gamma-lb",
      "uniform",
      "uniform-lb",
      "triangular",
      "triangular-lb"
    })
    public String kind;

    private ContinuousSampler sampler;

    @Setup
    public void setUp() throws Exception {
      TrialStream rng = new TrialStream();
      new StreamKeys(42).reseed(rng, 7, 0x0FED_CBA9_8765_4321L, 0);
      sampler = DrawBenchmark.sampler(kind, rng);
    }
  }

  /** The sampler of kind {@code kind} ({@code family}, {@code family-lb}, {@code family-skip}). */
  static ContinuousSampler sampler(String kind, TrialStream rng) throws Exception {
    int dash = kind.indexOf('-');
    String family = dash < 0 ? kind : kind.substring(0, dash);
    String variant = dash < 0 ? "" : kind.substring(dash + 1);
    if (!FAMILIES.containsKey(family)) {
      throw new IllegalArgumentException("kind has no family of FAMILIES: " + kind);
    }
    Distribution d = DistributionParser.parse(FAMILIES.get(family));
    return switch (variant) {
      case "" -> d.sampler(rng);
      case "lb" -> d.lengthBiasedSampler(rng);
      case "skip" -> d.skipSampler(rng);
      default -> throw new IllegalArgumentException("kind has no variant -lb or -skip: " + kind);
    };
  }

  /** One Philox4x64-10 evaluation: the key of a new trial. */
  @Benchmark
  public StreamKeys trialKey() {
    keys.startTrial(trial++);
    return keys;
  }

  /** One substream started within a keyed trial. */
  @Benchmark
  public TrialStream reseed() {
    keys.reseed(stream, keyedTrial, source, n++);
    return stream;
  }

  /** One 64-bit word of xoroshiro128++. */
  @Benchmark
  public long nextLong() {
    return stream.nextLong();
  }

  /** One uniform in [0, 1): a word and its conversion, as the kernel's own uniforms draw it. */
  @Benchmark
  public double uniform() {
    return stream.nextDouble();
  }

  /** One call of the sampler of kind {@link Kind#kind}. */
  @Benchmark
  public double sample(Kind k) {
    return k.sampler.sample();
  }
}
