package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Standard output that cannot be written (a full disk, a closed pipe) is a failure, not a silent
 * success: exit 1 and one line on standard error saying why, and where committed results are.
 */
class StandardOutputTest {
  @TempDir Path tmp;

  /** A stream that fails like /dev/full. */
  static final class Full extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      throw new IOException("No space left on device");
    }
  }

  /** Runs {@code args} with standard output on a full device; returns {exit, stderr}. */
  static Object[] runOnFull(String... args) {
    CommandLine cl = Firedrill.commandLine();
    cl.setOut(new Firedrill.StdoutWriter(new Full()));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = Firedrill.execute(cl, args);
    return new Object[] {code, err.toString()};
  }

  @Test
  void validate_onAFullStdout_exits1_withOneLine() {
    Object[] r = runOnFull("validate", "models/three-site-example.yaml");
    assertEquals(1, r[0], (String) r[1]);
    assertEquals(
        List.of("firedrill validate: cannot write to standard output: No space left on device"),
        ((String) r[1]).lines().toList());
  }

  @Test
  void run_onAFullStdout_exits1_andSaysWhereTheCommittedResultsAre() throws Exception {
    Path out = tmp.resolve("X");
    Object[] r =
        runOnFull(
            "run",
            "models/three-site-example.yaml",
            "--trials",
            "3000",
            "--charts",
            "none",
            "--out",
            out.toString());
    assertEquals(1, r[0], (String) r[1]);
    assertEquals(
        List.of(
            "firedrill run: cannot write to standard output: No space left on device (the results"
                + " are in "
                + out
                + ")"),
        ((String) r[1]).lines().toList());
    assertTrue(Files.exists(out.resolve("summary.csv")) && Files.exists(out.resolve("run.json")));
  }

  @Test
  void fit_onAFullStdout_exits1_withOneLine() throws Exception {
    Path csv = tmp.resolve("incidents.csv");
    Files.writeString(csv, "hours\n1.5\n2\n4.25\n0.5\n8\n3\n");
    Object[] r = runOnFull("fit", csv.toString(), "--column", "hours", "--dist", "exponential");
    assertEquals(1, r[0], (String) r[1]);
    assertEquals(
        List.of("firedrill fit: cannot write to standard output: No space left on device"),
        ((String) r[1]).lines().toList());
  }

  @Test
  void usageError_onAFullStdout_keepsItsOwnStatusAndLine_sinceNothingWasPrinted() {
    Object[] r = runOnFull("run", "--trials", "0");
    assertEquals(2, r[0], (String) r[1]);
    assertEquals(1, ((String) r[1]).lines().count(), (String) r[1]);
  }
}
