package dev.jwasm.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A defined type with its declared supertypes (spec 2.3.9). A type written without {@code sub}
 * (a plain function type of Wasm 1.0) is final with no supertypes. Supertypes are type indexes.
 */
public record SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite) {
    public SubType {
        supertypes = List.copyOf(supertypes);
        Objects.requireNonNull(composite, "composite");
    }

    /** A final subtype without supertypes: what a pre-GC type section entry means. */
    public static SubType of(CompositeType composite) {
        return new SubType(true, List.of(), composite);
    }
}
