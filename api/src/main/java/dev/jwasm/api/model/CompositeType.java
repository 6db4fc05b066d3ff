package dev.jwasm.api.model;

/** The structure of a defined type (spec 2.3.8): a function, struct or array type. */
public sealed interface CompositeType permits FuncType, StructType, ArrayType {}
