package dev.jwasm.api.model;

import java.util.Objects;

/**
 * A table defined by the module (spec 2.5.4). {@code init} is the initializer expression of the
 * function-references form, or null when elements start as null.
 */
public record Table(TableType type, Expr init) {
    public Table {
        Objects.requireNonNull(type, "type");
    }
}
