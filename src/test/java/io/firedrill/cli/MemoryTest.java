package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Memory is bounded by what is read and estimated up front: a run that would not fit is refused
 * with one line naming what to lower; an out-of-memory error that still happens is one line and
 * exit 1; sizes never wrap around.
 */
class MemoryTest {
  @TempDir Path tmp;

  private final LongSupplier heap = MemoryEstimate.heap;

  @AfterEach
  void restore() {
    MemoryEstimate.heap = heap;
  }

  /** A model of {@code services} services spread over {@code sites} sites, each with faults. */
  static Path wideModel(Path dir, int services, int sites) throws Exception {
    StringBuilder b = new StringBuilder("name: wide\nhorizon: 1y\nsites:\n");
    for (int s = 0; s < sites; s++) {
      b.append("  site").append(s).append(": {fault: {rate: 1/y, outage: \"fixed(1h)\"}}\n");
    }
    b.append("services:\n");
    for (int a = 0; a < services; a++) {
      b.append("  svc")
          .append(a)
          .append(": {users: 1K, demand: 1, deploy: {site")
          .append(a % sites)
          .append(": 1}}\n");
    }
    Path m = dir.resolve("wide-" + services + "x" + sites + ".yaml");
    Files.writeString(m, b.toString());
    return m;
  }

  @Test
  void curvesOf110Services_at100001Points_areRefusedUpFront_namingPoints() throws Exception {
    Path wide = wideModel(tmp, 110, 50);
    // Counters: 100001 points x 160 series x 202 x 8 bytes = 25.86e9 bytes per worker, on 2
    // workers and once merged: 77.57e9 bytes = 72.2 GiB. With the workers' own values (0.24 GiB)
    // and the block statistics (0.14 GiB) 72.6 GiB, so Java would need 72.6 / 0.75 = 96.8 GiB.
    MemoryEstimate.heap = () -> 8L << 30;
    Cli.Result r =
        Cli.run(
            "scenario",
            wide.toString(),
            "--event",
            "fault@site0",
            "--points",
            "100001",
            "--threads",
            "2",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill scenario: not enough memory: the recovery curves (100001 points × 160"
                + " series on 2 workers) need about 72.2 GiB and the whole run about 72.7 GiB,"
                + " more than 75 % of the 8 GiB Java may use; lower --points or --threads, or"
                + " give Java more memory (java -Xmx97g -jar firedrill.jar ...)"),
        r.errLines());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void smallHeap_refusesARunThatFitsALargerOne_andTheMessageNamesThreads() throws Exception {
    // The bundled model on 2 threads: 9 blocks in flight and the merged statistics, each with
    // 8 services x 14 sketches (13 metrics, the data loss ones included, as the model has data,
    // and the outage durations) and 4 totals over services, of 16,448 bytes each: 18.2 MiB with
    // the per-cause totals.
    MemoryEstimate.heap = () -> 8L << 20;
    Cli.Result r =
        Cli.run(
            "run", "--trials", "100000", "--threads", "2", "--out", tmp.resolve("o").toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(
        r.err()
            .startsWith(
                "firedrill run: not enough memory: the statistics of the blocks in"
                    + " flight (9 blocks of 8 services) need about 18.2 MiB"),
        r::toString);
    assertTrue(r.err().contains("lower --threads"), r::toString);
    MemoryEstimate.heap = () -> 64L << 20;
    r = Cli.run("run", "--trials", "3000", "--threads", "2", "--out", tmp.resolve("o").toString());
    assertEquals(0, r.code(), r::toString);
  }

  @Test
  void sweepPoints_areCountedInTheEstimate() throws Exception {
    MemoryEstimate.heap = () -> 64L << 20;
    Cli.Result r =
        Cli.run(
            "sweep",
            "models/three-site-example.yaml",
            "--vary",
            "services.talk.standby.west=0..1000:10",
            "--trials",
            "100000",
            "--out",
            tmp.resolve("s").toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(
        r.err().contains("not enough memory: the statistics of 101 points")
            && r.err().contains("lower the points of --vary or --threads"),
        r::toString);
  }

  @Test
  void sizes_areLongs_andSaturateInsteadOfWrapping() {
    assertEquals(Long.MAX_VALUE, MemoryEstimate.times(100_001, 1L << 40, 1L << 30));
    assertEquals(Long.MAX_VALUE, MemoryEstimate.plus(Long.MAX_VALUE, 1));
    assertEquals(100_001L * 160 * 202 * 8, MemoryEstimate.times(100_001, 160, 202, 8));
  }

  /** A command that runs out of memory, as a worker or the main thread would. */
  @CommandLine.Command(name = "exhaust")
  static final class Exhaust implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void outOfMemoryError_isOneLine_exit1() {
    CommandLine cl = Firedrill.commandLine();
    cl.addSubcommand("exhaust", new Exhaust());
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    int code = Firedrill.execute(cl, "exhaust");
    assertEquals(1, code);
    assertEquals("", out.toString());
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err::toString);
    assertTrue(
        lines.get(0).startsWith("firedrill exhaust: out of memory (Java may use ")
            && lines.get(0).endsWith("; nothing was written"),
        err::toString);
  }

  /**
   * A JVM of 64 MiB: the bundled scenario runs; a scenario far beyond it is refused with one line
   * before it allocates (no out-of-memory error, no stack trace). Output goes to files: a child's
   * inherited pipes can be lost inside Surefire.
   */
  @Test
  void childJvmOf64MiB_runsTheBundledScenario_andRefusesTheOversizedOne() throws Exception {
    Path wide = wideModel(tmp, 110, 50);
    Child ok =
        child(
            tmp,
            "ok",
            "scenario",
            "--event",
            "fire@pangyo",
            "--trials",
            "4000",
            "--out",
            tmp.resolve("ok").toString());
    assertEquals(0, ok.code(), ok::toString);
    assertTrue(Files.exists(tmp.resolve("ok/recovery.csv")));
    Child big =
        child(
            tmp,
            "big",
            "scenario",
            wide.toString(),
            "--event",
            "fault@site0",
            "--points",
            "100001",
            "--out",
            tmp.resolve("big").toString());
    assertEquals(2, big.code(), big::toString);
    List<String> lines = big.err().lines().toList();
    assertEquals(1, lines.size(), big::toString);
    assertTrue(lines.get(0).contains("not enough memory: the recovery curves"), big::toString);
    assertFalse(Files.exists(tmp.resolve("big")));
  }

  record Child(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs firedrill in a JVM of 64 MiB, output to files in {@code dir}. */
  static Child child(Path dir, String name, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Firedrill.class.getName());
    command.addAll(List.of(args));
    File out = dir.resolve(name + ".out").toFile();
    File err = dir.resolve(name + ".err").toFile();
    Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish: " + command);
    }
    return new Child(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }
}
