package io.firedrill.engine;

/**
 * Stopping a run from outside (Ctrl-C, SIGTERM): a flag the runners check between blocks.
 *
 * <p>The command line sets it from a shutdown hook and then waits for the main thread, which stops
 * at the next block, deletes its temporary files and says how far it got. Blocks take milliseconds,
 * so a run stops well within a second.
 */
public final class Interruption {
  private static volatile boolean requested;

  private Interruption() {}

  /** Asks every running run to stop. */
  public static void request() {
    requested = true;
  }

  public static boolean requested() {
    return requested;
  }

  /** Clears a request: for tests, which stop runs inside one JVM. */
  public static void clear() {
    requested = false;
  }

  /** Thrown by a runner that stopped on request. */
  public static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long done;

    public Stopped(long done, long total) {
      super(
          "stopped after " + done + " of " + total + " trials; nothing was written",
          null,
          false,
          false);
      this.done = done;
    }

    /** Stopped at a later phase, {@code when} such as "before the results were complete". */
    public Stopped(String when) {
      super("stopped " + when + "; nothing was written", null, false, false);
      this.done = -1;
    }

    /** How many trials (or, from the block executor, blocks) were done; -1 after the trials. */
    public long done() {
      return done;
    }
  }
}
