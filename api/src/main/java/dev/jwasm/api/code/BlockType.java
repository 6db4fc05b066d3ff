package dev.jwasm.api.code;

import dev.jwasm.api.model.ValType;

/** The type of a structured instruction (spec 2.4.8): empty, one result, or a type index. */
public sealed interface BlockType {
    /** No parameters, no results. */
    BlockType EMPTY = new Empty();

    /** {@code []->[]}. */
    record Empty() implements BlockType {}

    /** {@code []->[result]}. */
    record Value(ValType result) implements BlockType {}

    /** The function type at {@code typeIndex} in the module's type section. */
    record TypeIndex(int typeIndex) implements BlockType {}
}
