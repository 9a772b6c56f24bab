/**
 * Reading YAML text into a small tree ({@link io.firedrill.load.yaml.Node}) that remembers the
 * origin of every key and value ({@link io.firedrill.load.yaml.Origin}: file, line and column, or
 * the {@code --set} override it came from), with bounded size and depth and one located error per
 * malformed input. It knows YAML, not models: what the keys mean is the binder's business.
 */
package io.firedrill.load.yaml;
