package io.firedrill.model;

import io.firedrill.dist.Distribution;
import java.util.Objects;

/**
 * An effect of a hazard at a site other than its own target (or at its own site, in another way): a
 * cascade (docs/simulation.md, "Cascades"). Each failure of the hazard (each uncontained fire) sets
 * it off with probability {@code probability}, {@code delay} after the failure's own outage begins,
 * for {@code outage} (or as long as the failure's own outage).
 *
 * @param site the site it strikes
 * @param kind what it does there
 * @param delay from the start of the initiating outage (a fire's ignition) to the effect, or null
 *     for none
 * @param outage how long the effect lasts, or null for as long as the initiating outage (a fire's
 *     dark time)
 * @param probability that a failure sets it off, in [0, 1]
 * @param damage the hardware it damages where it strikes ({@code dark} and {@code cooling} effects:
 *     water, heat), or null for none
 */
public record Effect(
    String site,
    Kind kind,
    Distribution delay,
    Distribution outage,
    double probability,
    Damage damage) {

  /** What an effect does at its site. */
  public enum Kind {
    /** The site's utility is lost (its UPS and generator bridge it, as for a grid outage). */
    POWER("power"),
    /** The site is off (nothing bridges it), then restarts. */
    DARK("dark"),
    /** The site is unreachable (its networks do not help). */
    NETWORK("network"),
    /**
     * The site's cooling fails (a heatwave, a chiller plant's shared fault): it shuts down after
     * its cooling's ride-through if the effect outlasts it, then restarts.
     */
    COOLING("cooling");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    /**
     * Whether it may strike a zone ({@code SITE/ZONE}): {@code dark} and {@code cooling} act on the
     * IT of a place; {@code power} and {@code network} on the whole site's utility and networks.
     */
    public boolean reachesZones() {
      return this == DARK || this == COOLING;
    }

    /** The word of the model format ({@code power}, {@code dark}, {@code network}). */
    public String word() {
      return word;
    }
  }

  /** An effect that damages nothing. */
  public Effect(
      String site, Kind kind, Distribution delay, Distribution outage, double probability) {
    this(site, kind, delay, outage, probability, null);
  }

  public Effect {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(kind, "kind");
    if (damage != null && !kind.reachesZones()) {
      throw new IllegalArgumentException("a " + kind.word() + " effect damages nothing");
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability is not in [0, 1]: " + probability);
    }
  }
}
