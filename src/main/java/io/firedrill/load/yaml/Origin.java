package io.firedrill.load.yaml;

import io.firedrill.dist.UserText;

/**
 * Where a value of a model came from: a place in a file ({@code models/x.yaml:14:7}) or a
 * command-line override ({@code --set sites.east.ups=15m}).
 *
 * <p>Lines and columns count from 1, columns in characters (code points of the line).
 */
public record Origin(String source, int line, int column, boolean override) {

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

  /** This place moved {@code chars} characters to the right (a spot inside a scalar). */
  public Origin shifted(int chars) {
    return override || chars == 0 ? this : new Origin(source, line, column + chars, false);
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
