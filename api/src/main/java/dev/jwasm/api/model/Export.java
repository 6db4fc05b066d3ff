package dev.jwasm.api.model;

import java.util.Objects;

/** An export (spec 2.5.10): a name and an index into the index space of {@code kind}. */
public record Export(String name, ExternKind kind, int index) {
    public Export {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
