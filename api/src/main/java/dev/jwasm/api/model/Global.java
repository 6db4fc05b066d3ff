package dev.jwasm.api.model;

import java.util.Objects;

/** A global defined by the module (spec 2.5.6): its type and initializer expression. */
public record Global(GlobalType type, Expr init) {
    public Global {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(init, "init");
    }
}
