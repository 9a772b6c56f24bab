/**
 * The model as values: records for sites, grids, networks, fires, hazards, services, placements and
 * failover, each validated where it is built (its own ranges only; it knows nothing of files), and
 * the family of hazard kinds ({@link io.firedrill.model.HazardKind}) that names every hazard.
 *
 * <p>Everything downstream (plan, engine, reports) reads a model through these records. How a model
 * is read from YAML, and where in the file a defect is, belongs to {@code load}, which depends on
 * this package and never the other way round; a record's constructor throws {@link
 * java.lang.IllegalArgumentException} naming the parameter, and the loader, which has checked the
 * value first, attaches the file position.
 */
package io.firedrill.model;
