package io.firedrill.cli;

import io.firedrill.run.Cancellation;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process and captures what it prints, for tests. */
public final class Cli {
  private Cli() {}

  /** Exit status and the text printed to standard output and standard error. */
  public record Result(int code, String out, String err) {
    /** Standard error split into lines, without empty ones. */
    public java.util.List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs {@code firedrill ARGS...}. */
  public static Result run(String... args) {
    return run(new Cancellation(), args);
  }

  /** Runs {@code firedrill ARGS...}, stopped when {@code cancellation} is cancelled. */
  public static Result run(Cancellation cancellation, String... args) {
    CommandLine cl = Firedrill.commandLine(cancellation);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
