package io.firedrill.load;

import io.firedrill.load.yaml.Origin;

/**
 * A finding about a valid model that does not stop a run but that its user must see: a site, grid
 * or network that nothing uses, or a standby too small to restore its service.
 *
 * <p>Printed on standard error as {@code models/x.yaml:14:7: warning: services.talk.standby: when
 * east is lost, ...}; the command carries on and its exit status does not change.
 */
public record ModelWarning(Origin origin, String path, String message) {

  /** The one line a user sees, bounded and escaped like {@link ModelError#format}. */
  public String format() {
    return ModelError.line(origin, "warning: ", path, message);
  }

  @Override
  public String toString() {
    return format();
  }
}
