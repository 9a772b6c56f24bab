package io.firedrill.cli;

import io.firedrill.report.Numbers;
import io.firedrill.run.TrialRunner;
import java.io.PrintStream;

/**
 * A one-line progress bar on the terminal: share done, trials per second and time left.
 *
 * <p>Shown only when standard error is a terminal, on standard error, redrawn at most five times a
 * second and erased at the end, so nothing of it reaches a log file or a pipe.
 */
final class ProgressBar implements TrialRunner.Progress {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final long total;
  private final long start = System.nanoTime();
  private long lastDraw;

  private ProgressBar(PrintStream out, long total) {
    this.out = out;
    this.total = total;
  }

  /** A bar for {@code total} trials, or null when standard error is not a terminal. */
  static ProgressBar onTerminal(long total) {
    return stderrIsTerminal() ? new ProgressBar(System.err, total) : null;
  }

  /**
   * Whether standard error is a terminal. Java 17 cannot ask isatty(2); on Linux the link
   * /proc/self/fd/2 names the device (a terminal is /dev/pts/N or /dev/ttyN); elsewhere fall back
   * to {@link System#console()}, which needs standard input and output on a terminal.
   */
  static boolean stderrIsTerminal() {
    try {
      String target =
          java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  @Override
  public void done(long trials) {
    long now = System.nanoTime();
    if (now - lastDraw < 200_000_000L && trials < total) {
      return;
    }
    lastDraw = now;
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    double rate = trials / seconds;
    double share = (double) trials / total;
    int filled = (int) Math.round(share * WIDTH);
    String eta = rate > 0 ? Numbers.brief((total - trials) / rate, 2) + " s" : "?";
    out.print(
        "\r["
            + "#".repeat(filled)
            + ".".repeat(WIDTH - filled)
            + "] "
            + Math.round(share * 100)
            + " % of "
            + total
            + " trials, "
            + Numbers.brief(rate, 3)
            + " trials/s, "
            + eta
            + " left   ");
    out.flush();
  }

  /** Erases the bar. */
  void finish() {
    out.print("\r" + " ".repeat(100) + "\r");
    out.flush();
  }
}
