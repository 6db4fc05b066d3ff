package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.internal.validate.CanonicalTypes;
import java.util.Objects;

/**
 * An exception tag (spec 4.2.11). Tags match by identity: importing one shares it. Its type gives
 * the payload of the exceptions it labels (see {@link ExceptionInstance}).
 */
public final class TagInstance {
    private final FuncType type;
    private final CanonicalType canonicalType;

    /** A tag made outside any module (by the host): its type stands alone. */
    public TagInstance(FuncType type) {
        this(type, CanonicalTypes.standalone(Objects.requireNonNull(type, "type")));
    }

    /** A module's tag, of the type whose canonical identity is {@code canonicalType}. */
    public TagInstance(FuncType type, CanonicalType canonicalType) {
        this.type = Objects.requireNonNull(type, "type");
        this.canonicalType = Objects.requireNonNull(canonicalType, "canonicalType");
    }

    /** The tag type's identity across modules: importing requires the same canonical type. */
    public CanonicalType canonicalType() {
        return canonicalType;
    }

    public FuncType type() {
        return type;
    }
}
