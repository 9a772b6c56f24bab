package io.firedrill.dist;

/**
 * A value that does not follow the model syntax, with the character offset of the defect inside the
 * value, so that an error line can point at the exact column.
 */
public final class SyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public SyntaxException(int offset, String message) {
    super(message, null, false, false);
    this.offset = offset;
  }

  /** Characters from the start of the value to the defect. */
  public int offset() {
    return offset;
  }
}
