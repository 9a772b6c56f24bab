package io.firedrill.load.yaml;

/**
 * One defect of YAML text: where it is, the key path it concerns (empty when there is none) and
 * what is wrong. The loader reports it as a model error, unchanged.
 */
public record YamlError(Origin origin, String path, String message) {}
