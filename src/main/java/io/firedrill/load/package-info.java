/**
 * Loading a model: a model file and its {@code --set} overrides become a validated {@link
 * io.firedrill.model.Model}, or every defect in it, each with its line, column and key path.
 *
 * <p>{@link io.firedrill.load.ModelLoader} reads the file ({@code yaml} builds the located tree),
 * applies {@link io.firedrill.load.Overrides} to the tree and hands it to {@link
 * io.firedrill.load.ModelBinder}, which reads each section with the keys, ranges and defaults that
 * {@link io.firedrill.load.ModelSchema} declares, through the typed readers of {@link
 * io.firedrill.load.TreeReader}. Defects are {@link io.firedrill.load.ModelError}s collected into
 * one {@link io.firedrill.load.ModelException}; findings that do not stop a run are {@link
 * io.firedrill.load.ModelWarning}s. {@link io.firedrill.load.SchemaExport} writes the declaration
 * out as the tables of docs/model-format.md and the JSON Schema docs/model.schema.json.
 *
 * <p>Depends on {@code model} and {@code dist}; nothing here runs a simulation.
 */
package io.firedrill.load;
