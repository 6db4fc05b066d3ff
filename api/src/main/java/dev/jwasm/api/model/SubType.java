package dev.jwasm.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A defined type with its declared supertypes (spec 2.3.9). A type written without {@code sub}
 * (a plain function type of Wasm 1.0) is final with no supertypes. Supertypes are type indexes.
 *
 * <p>The custom descriptors proposal adds two optional clauses, type indexes or {@link #NONE}:
 * {@code describes}, the struct type whose descriptor this type is, and {@code descriptor}, the
 * struct type of this type's descriptors.
 */
public record SubType(
        boolean isFinal, List<Integer> supertypes, CompositeType composite, int describes, int descriptor) {
    /** No {@code describes} or {@code descriptor} clause. */
    public static final int NONE = -1;

    public SubType {
        supertypes = List.copyOf(supertypes);
        Objects.requireNonNull(composite, "composite");
    }

    /** A type without descriptor clauses. */
    public SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite) {
        this(isFinal, supertypes, composite, NONE, NONE);
    }

    /** A final subtype without supertypes: what a pre-GC type section entry means. */
    public static SubType of(CompositeType composite) {
        return new SubType(true, List.of(), composite);
    }

    /** Whether this type has a {@code describes} clause. */
    public boolean hasDescribes() {
        return describes != NONE;
    }

    /** Whether this type has a {@code descriptor} clause. */
    public boolean hasDescriptor() {
        return descriptor != NONE;
    }
}
