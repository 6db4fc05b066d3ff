package dev.jwasm.api.model;

import java.util.Objects;

/** A table's type (spec 2.3.12): element reference type, limits in elements, address type. */
public record TableType(RefType elementType, Limits limits, AddressType addressType) implements ExternType {
    public TableType {
        Objects.requireNonNull(elementType, "elementType");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(addressType, "addressType");
    }
}
