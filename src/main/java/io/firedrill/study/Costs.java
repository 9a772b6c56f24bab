package io.firedrill.study;

import io.firedrill.model.Model;
import io.firedrill.model.Placement;
import io.firedrill.model.Service;

/**
 * The yearly cost of a deployment: every unit of active and standby capacity at a site, times the
 * site's price per unit per year from the model's {@code cost:} section (0 where a site has no
 * price).
 */
public final class Costs {
  private Costs() {}

  /** Cost per year of {@code m}'s capacity; 0 without a {@code cost:} section. */
  public static double perYear(Model m) {
    // One lookup table: the model's price per site is a list, scanned once here.
    java.util.Map<String, Double> price = new java.util.HashMap<>();
    for (Model.Price p : m.prices()) {
      price.putIfAbsent(p.site(), p.perUnitYear());
    }
    double total = 0;
    for (Service s : m.services()) {
      for (Placement p : s.deploy()) {
        total += p.capacity() * price.getOrDefault(p.siteName(), 0.0);
      }
      for (Placement p : s.standby()) {
        total += p.capacity() * price.getOrDefault(p.siteName(), 0.0);
      }
    }
    return total;
  }
}
