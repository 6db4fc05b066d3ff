package dev.jwasm.api.model;

import java.util.List;

/** A struct type of the GC proposal (spec 2.3.8): its fields in order. */
public record StructType(List<FieldType> fields) implements CompositeType {
    public StructType {
        fields = List.copyOf(fields);
    }
}
