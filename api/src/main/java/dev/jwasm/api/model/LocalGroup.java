package dev.jwasm.api.model;

import java.util.Objects;

/** A run of {@code count} locals of one type, as the code section declares them (spec 5.5.13). */
public record LocalGroup(int count, ValType type) {
    public LocalGroup {
        Objects.requireNonNull(type, "type");
        if (count < 0) {
            throw new IllegalArgumentException("negative local count " + count);
        }
    }
}
