package io.firedrill.run;

/**
 * A request to stop a run from outside (Ctrl-C, SIGTERM): a token the caller makes, passes to the
 * runners and to the output folder, and trips from any thread with {@link #cancel}.
 *
 * <p>The runners check the token before every trial, and a block scheduler after merging each
 * block; either stops with {@link Stopped}, counting the blocks merged. The output folder checks it
 * before each file and before the commit. So a run stops within one trial of {@link #cancel}: well
 * within a second, unless single trials take longer. The command line makes one token per command
 * line and trips it from its shutdown hook; a test makes its own, so no state outlives a run and
 * nothing needs clearing between runs in one JVM.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** A token not yet cancelled. */
  public Cancellation() {}

  /** Asks every run holding this token to stop at its next check; it stays cancelled. */
  public void cancel() {
    cancelled = true;
  }

  /** True once {@link #cancel} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Throws {@link Stopped}{@code ("stopped " + when + "; nothing was written")} if cancelled.
   *
   * @param when the phase, such as "before the results were complete"
   */
  public void throwIfCancelled(String when) {
    if (cancelled) {
      throw new Stopped(when);
    }
  }

  /** Thrown by a run that stopped because its token was cancelled: one line, no stack trace. */
  public static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long done;

    /** Stopped between blocks, after {@code done} of {@code total} trials (or blocks). */
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

    /**
     * How many trials (or, from a block scheduler, blocks) were done; -1 after the trials. The
     * runners turn a scheduler's count of blocks into trials.
     */
    public long done() {
      return done;
    }
  }
}
