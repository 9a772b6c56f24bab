package io.firedrill.load;

import io.firedrill.load.yaml.YamlException;
import java.util.List;

/**
 * A model that cannot be used, with every defect that was found in it (not only the first).
 *
 * <p>The command line prints one line per defect and exits with status 2.
 */
public final class ModelException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ModelError> errors;

  public ModelException(List<ModelError> errors) {
    super(errors.isEmpty() ? "invalid model" : errors.get(0).format(), null, false, false);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a model exception needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public ModelException(ModelError error) {
    this(List.of(error));
  }

  /** The defects of YAML text that cannot be read, as model errors (same place, path, message). */
  static ModelException of(YamlException e) {
    return new ModelException(
        e.errors().stream().map(y -> new ModelError(y.origin(), y.path(), y.message())).toList());
  }

  /** Every defect, in the order found (file order for one file). */
  public List<ModelError> errors() {
    return errors;
  }
}
