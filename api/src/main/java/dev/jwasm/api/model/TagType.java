package dev.jwasm.api.model;

/**
 * An exception tag's type (spec 2.3.14): the index of a function type whose parameters are the
 * exception's payload (its results must be empty, which validation checks).
 */
public record TagType(int typeIndex) implements ExternType {}
