package dev.jwasm.api.model;

import java.util.Objects;

/** A custom section (spec 5.5.3): its name and where its payload lies in the module binary. */
public record CustomSection(String name, int dataOffset, int length) {
    public CustomSection {
        Objects.requireNonNull(name, "name");
    }
}
