package io.firedrill.report;

/**
 * One point of an observed timeline (a public incident's, or a user's own post-mortem), to compare
 * with a scenario's recovery curves ({@code scenario --observed}, docs/outputs.md, "observed.csv").
 *
 * @param series the service or site name, as the model spells it
 * @param site true for a site (its share of capacity back), false for a service (its served
 *     fraction)
 * @param index the service's index in dependency order, or the site's index, in the plan
 * @param hours time after t = 0 (the scenario's first event), hours, in [0, horizon]
 * @param value the observed fraction, in [0, 1]
 * @param fitted whether a parameter of the model was set from this point (a calibration point),
 *     else it is out of sample
 * @param source the citation or note the file gives (may be empty)
 */
public record Observation(
    String series,
    boolean site,
    int index,
    double hours,
    double value,
    boolean fitted,
    String source) {}
