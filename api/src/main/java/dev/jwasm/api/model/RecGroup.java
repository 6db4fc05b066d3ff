package dev.jwasm.api.model;

import java.util.List;

/**
 * A recursion group (spec 2.3.10): types that may refer to each other. A type section entry
 * without {@code rec} is a group of one.
 */
public record RecGroup(List<SubType> types) {
    public RecGroup {
        types = List.copyOf(types);
    }
}
