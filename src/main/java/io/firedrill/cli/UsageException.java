package io.firedrill.cli;

/** Arguments that parse but make no sense together; exits with status 2 and one line. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message, null, false, false);
  }
}
