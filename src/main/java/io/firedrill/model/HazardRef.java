package io.firedrill.model;

import java.util.Objects;

/**
 * One hazard of a model, named by its kind and what it strikes: {@code fire@pangyo}, {@code
 * grid@metro-west}. The same name is its cause, its random source and its scenario event.
 *
 * @param target the name of the grid, network or site it strikes ({@link HazardKind#scope})
 */
public record HazardRef(HazardKind kind, String target) {
  public HazardRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  /** {@code KIND@TARGET}: {@code cooling@west}. */
  public String name() {
    return kind.name(target);
  }

  @Override
  public String toString() {
    return name();
  }
}
