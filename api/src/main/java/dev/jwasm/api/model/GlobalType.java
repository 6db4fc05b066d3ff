package dev.jwasm.api.model;

import java.util.Objects;

/** A global's type (spec 2.3.13): value type and mutability. */
public record GlobalType(ValType type, boolean mutable) implements ExternType {
    public GlobalType {
        Objects.requireNonNull(type, "type");
    }
}
