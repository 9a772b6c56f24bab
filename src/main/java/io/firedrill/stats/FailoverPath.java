package io.firedrill.stats;

/**
 * How a failover went, counted per service (docs/simulation.md, "Failover"): which path brought the
 * standby in, or why none did. Used to explain results (why a target cannot be reached).
 */
public final class FailoverPath {
  /** The automatic path: every service in its {@code needs} was up and the success draw held. */
  public static final int AUTOMATIC = 0;

  /** The manual path, because a service in the failover's {@code needs} was down. */
  public static final int MANUAL_NEEDS_DOWN = 1;

  /** The manual path, because the automatic path failed (its success draw). */
  public static final int MANUAL_AUTOMATIC_FAILED = 2;

  /** No path: the automatic path was not possible and there is no manual one. */
  public static final int NONE = 3;

  /** Number of paths: counts are kept as {@code [service * COUNT + path]}. */
  public static final int COUNT = 4;

  private FailoverPath() {}
}
