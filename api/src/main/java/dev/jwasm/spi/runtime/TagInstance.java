package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.FuncType;
import java.util.Objects;

/**
 * An exception tag (spec 4.2.11). Tags match by identity: importing one shares it. Its type gives
 * the payload of the exceptions it labels (see {@link ExceptionInstance}).
 */
public final class TagInstance {
    private final FuncType type;

    public TagInstance(FuncType type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    public FuncType type() {
        return type;
    }
}
