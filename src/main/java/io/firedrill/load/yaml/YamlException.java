package io.firedrill.load.yaml;

import java.util.List;

/** YAML text that cannot be read, with every defect found in it (at least one). */
public final class YamlException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<YamlError> errors;

  /**
   * @throws IllegalArgumentException if {@code errors} is empty
   */
  public YamlException(List<YamlError> errors) {
    super(errors.isEmpty() ? "invalid YAML" : errors.get(0).message(), null, false, false);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a YAML exception needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public YamlException(YamlError error) {
    this(List.of(error));
  }

  /** Every defect, in the order found. */
  public List<YamlError> errors() {
    return errors;
  }
}
