package io.firedrill.dist;

/**
 * A value that does not follow the model syntax, with the character offset of the defect inside the
 * value, so that an error line can point at the exact column.
 */
public final class SyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of defect: text outside the syntax, or a number out of the range of a double. */
  public enum Problem {
    /** Text that is not in the syntax. */
    SYNTAX,
    /** A number in the syntax whose value (times its unit) is above the largest double. */
    TOO_LARGE,
    /**
     * A non-zero number in the syntax whose value (times its unit) is below the smallest normal.
     */
    TOO_SMALL
  }

  private final int offset;
  private final Problem problem;

  public SyntaxException(int offset, String message) {
    this(offset, message, Problem.SYNTAX);
  }

  public SyntaxException(int offset, String message, Problem problem) {
    super(message, null, false, false);
    this.offset = offset;
    this.problem = problem;
  }

  /** Characters from the start of the value to the defect. */
  public int offset() {
    return offset;
  }

  /** What kind of defect this is. */
  public Problem problem() {
    return problem;
  }
}
