package dev.jwasm.api.model;

import java.util.Objects;

/** An import (spec 2.5.11): module name, item name, and the type the importer expects. */
public record Import(String module, String name, ExternType type) {
    public Import {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public ExternKind kind() {
        return type.kind();
    }
}
