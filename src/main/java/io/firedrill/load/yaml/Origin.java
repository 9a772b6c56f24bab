package io.firedrill.load.yaml;

import io.firedrill.dist.UserText;

/**
 * Where a value of a model came from: a place in a file ({@code models/x.yaml:14:7}) or a
 * command-line override ({@code --set sites.east.ups=15m}).
 *
 * <p>Lines and columns count from 1, columns in characters (code points of the line). A {@code
 * pinned} place does not move with an offset into the value it starts ({@link #shifted}).
 */
public record Origin(String source, int line, int column, boolean override, boolean pinned) {

  /**
   * A place; {@code pinned} false. A pinned place does not move ({@link #shifted}): the start of a
   * value whose characters do not stand one for one in the file (an escape, a line folded).
   */
  public Origin(String source, int line, int column, boolean override) {
    this(source, line, column, override, false);
  }

  /** A place in a file. */
  public static Origin at(String file, int line, int column) {
    return new Origin(file, line, column, false);
  }

  /** A whole file, when the defect has no position inside it (a missing file, say). */
  public static Origin file(String file) {
    return new Origin(file, 0, 0, false);
  }

  /** A {@code --set PATH=VALUE} override; {@code text} is the override as typed. */
  public static Origin override(String text) {
    return new Origin("--set " + text, 0, 0, true);
  }

  /**
   * This place moved {@code chars} characters to the right (a spot inside a scalar); a pinned one
   * or an override stays where it is.
   */
  public Origin shifted(int chars) {
    return override || pinned || chars == 0
        ? this
        : new Origin(source, line, column + chars, false, false);
  }

  /** This place, pinned: offsets inside the value it starts do not move it. */
  public Origin pin() {
    return new Origin(source, line, column, override, true);
  }

  /**
   * {@code file:line:col} or {@code --set PATH=VALUE}: the prefix of an error line, on one line and
   * bounded (docs/limits.md): an override is cut after {@value UserText#MAX_PLACE} characters, a
   * file name keeps its last ones, and control characters in either are escaped.
   */
  @Override
  public String toString() {
    if (override) {
      return UserText.bounded(source, UserText.MAX_PLACE);
    }
    String file = UserText.boundedTail(source);
    return line == 0 ? file : file + ":" + line + ":" + column;
  }
}
