package io.firedrill.model;

import java.util.Objects;

/** An upstream carrier or routing domain; a site is reachable while any of its networks is up. */
public record Network(String name, Hazard hazard) {
  public Network {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hazard, "hazard");
  }
}
