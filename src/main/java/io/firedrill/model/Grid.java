package io.firedrill.model;

import java.util.Objects;

/** A utility power supply shared by the sites that name it. */
public record Grid(String name, Hazard hazard) {
  public Grid {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hazard, "hazard");
  }
}
