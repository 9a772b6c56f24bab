package io.firedrill.load;

import io.firedrill.dist.UserText;
import io.firedrill.load.yaml.Origin;

/**
 * One defect of a model: where it is, the key path it concerns and what is wrong.
 *
 * <p>Printed as {@code models/x.yaml:14:7: services.talk.deploy.wset: unknown site 'wset' (known:
 * east, west)}; a defect of a {@code --set} override prints the override instead of the file
 * position.
 */
public record ModelError(Origin origin, String path, String message) {

  /**
   * The one line a user sees: the key path cut after {@value UserText#MAX_PLACE} characters, and
   * control characters escaped everywhere, whatever the model or the override held.
   */
  public String format() {
    return line(origin, "", path, message);
  }

  /**
   * {@code ORIGIN: KIND PATH: MESSAGE} on one line, with {@code kind} ("" or {@code "warning: "})
   * as given, the path (left out when empty) cut after {@value UserText#MAX_PLACE} characters and
   * control characters escaped: the shape of every error and warning about a model.
   */
  static String line(Origin origin, String kind, String path, String message) {
    return path == null || path.isEmpty()
        ? origin + ": " + kind + UserText.escape(message)
        : origin
            + ": "
            + kind
            + UserText.bounded(path, UserText.MAX_PLACE)
            + ": "
            + UserText.escape(message);
  }

  @Override
  public String toString() {
    return format();
  }
}
