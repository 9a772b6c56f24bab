package io.firedrill.plan;

import io.firedrill.model.HazardKind;

/**
 * What a hazard does to the sites it strikes, the one thing the engine needs to know of its kind:
 * the engine has one sampler per effect, chosen in one place ({@code engine.Hazards}).
 *
 * <p>{@link #of} is the registry from kinds to effects. It is an exhaustive switch, so a new {@link
 * HazardKind} does not compile until it is given an effect here; a kind that reuses an effect needs
 * nothing more in the engine (docs/hazard-kinds.md).
 */
public enum HazardEffect {
  /**
   * An outage of a site's power supply, reaching every site the hazard feeds through the site's UPS
   * and generator; each resulting loss of power is followed by the site's restart.
   */
  SUPPLY_OUTAGE,

  /**
   * A network is down for the outage; a site is unreachable while all its networks are down, and
   * for a reconvergence blip when one of several fails.
   */
  NETWORK_DOWN,

  /**
   * The site is blocked for the outage (UPS and generator do not bridge it), then restarts with the
   * site's restart; merged with the site's losses of power, so that overlapping losses are followed
   * by one restart.
   */
  BLOCK_THEN_RESTART,

  /**
   * At each ignition, contained with no effect or dark for a time, then capacity returns along a
   * ramp (linear, or the site's restore curve) for a restore time.
   */
  DARK_THEN_RAMP,

  /**
   * Nothing at a target of its own: only the effects each failure sets off at the sites they name
   * ({@code also}, cascades), each with its delay, outage and probability.
   */
  EFFECTS_ONLY;

  /** The effect of every hazard of {@code kind}. */
  public static HazardEffect of(HazardKind kind) {
    return switch (kind) {
      case GRID -> SUPPLY_OUTAGE;
      case NETWORK -> NETWORK_DOWN;
      case FIRE -> DARK_THEN_RAMP;
      case FAULT -> BLOCK_THEN_RESTART;
      case COOLING -> BLOCK_THEN_RESTART;
      case COMMON -> EFFECTS_ONLY;
    };
  }
}
