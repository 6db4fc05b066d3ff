package dev.jwasm.api.model;

import java.util.List;
import java.util.Objects;

/**
 * An element segment (spec 2.5.7). For active segments {@code tableIndex} and {@code offset}
 * say where the items go; otherwise the table index is 0 and the offset null. Items are either
 * function indexes (the compact binary forms) or constant expressions.
 */
public record ElementSegment(SegmentMode mode, int tableIndex, Expr offset, RefType type, Items items) {
    public ElementSegment {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(items, "items");
        if ((mode == SegmentMode.ACTIVE) != (offset != null)) {
            throw new IllegalArgumentException("exactly active segments have an offset");
        }
    }

    /** The segment's items. */
    public sealed interface Items {
        int size();
    }

    /** Items given as function indexes: each item is {@code ref.func index}. */
    public record Functions(List<Integer> indexes) implements Items {
        public Functions {
            indexes = List.copyOf(indexes);
        }

        @Override
        public int size() {
            return indexes.size();
        }
    }

    /** Items given as constant expressions. */
    public record Expressions(List<Expr> exprs) implements Items {
        public Expressions {
            exprs = List.copyOf(exprs);
        }

        @Override
        public int size() {
            return exprs.size();
        }
    }
}
