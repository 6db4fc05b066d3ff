package dev.jwasm.api.model;

import java.util.Objects;

/** An array type of the GC proposal (spec 2.3.8): its element type. */
public record ArrayType(FieldType field) implements CompositeType {
    public ArrayType {
        Objects.requireNonNull(field, "field");
    }
}
